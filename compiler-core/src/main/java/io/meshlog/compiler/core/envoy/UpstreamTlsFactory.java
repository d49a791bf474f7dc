package io.meshlog.compiler.core.envoy;

import io.envoyproxy.envoy.config.core.v3.ApiConfigSource;
import io.envoyproxy.envoy.config.core.v3.ApiVersion;
import io.envoyproxy.envoy.config.core.v3.ConfigSource;
import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.config.core.v3.GrpcService;
import io.envoyproxy.envoy.config.core.v3.TransportSocket;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CertificateProviderPluginInstance;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CertificateValidationContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CommonTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SdsSecretConfig;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SubjectAltNameMatcher;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.TlsCertificate;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.meshlog.mesh.ClientTls;

/**
 * A sidecar cluster's {@code envoy.transport_sockets.tls} from a DestinationRule's {@code tls}. SIMPLE and MUTUAL
 * read files on the proxy; ISTIO_MUTUAL takes the workload certificate {@code default} and the root
 * {@code ROOTCA} over SDS from the cluster {@code sds-grpc}, the names and source Istio's agent serves, and by
 * default Istio's SNI {@code outbound_.<port>_.<subset>_.<host>}. DISABLE is plaintext (null).
 */
final class UpstreamTlsFactory {
  static final String NAME = "envoy.transport_sockets.tls";
  static final String SDS_CLUSTER = "sds-grpc";
  /** Used without caCertificates, so SIMPLE and MUTUAL still verify the server (the Debian/Ubuntu bundle). */
  static final String SYSTEM_ROOTS = "/etc/ssl/certs/ca-certificates.crt";

  private UpstreamTlsFactory() {}

  /** Istio's proxyless names: the bootstrap's certificate provider instance, its workload and root certificates. */
  static final String GRPC_PROVIDER = "default";
  static final String GRPC_ROOT = "ROOTCA";

  /**
   * A gRPC cluster's TLS: only ISTIO_MUTUAL, as Istio's proxyless support does it (gRFC A29): the workload
   * certificate {@code default} and the root {@code ROOTCA} from the certificate provider instance {@code default}
   * that the client's bootstrap must define ({@code certificate_providers}); grpc-java NACKs the cluster otherwise.
   * grpc-java has no file-path form and NACKs SDS, so SIMPLE and MUTUAL (files) stay plaintext (null).
   */
  static TransportSocket grpcTransportSocket(ClientTls tls) {
    if (tls.mode() != ClientTls.Mode.ISTIO_MUTUAL) {
      return null;
    }
    CertificateValidationContext.Builder validation = CertificateValidationContext.newBuilder()
        .setCaCertificateProviderInstance(CertificateProviderPluginInstance.newBuilder()
            .setInstanceName(GRPC_PROVIDER).setCertificateName(GRPC_ROOT));
    for (String san : tls.subjectAltNames()) {
      validation.addMatchSubjectAltNames(StringMatcher.newBuilder().setExact(san));
    }
    CommonTlsContext common = CommonTlsContext.newBuilder()
        .setTlsCertificateProviderInstance(CertificateProviderPluginInstance.newBuilder()
            .setInstanceName(GRPC_PROVIDER).setCertificateName(GRPC_PROVIDER))
        .setValidationContext(validation)
        .build();
    UpstreamTlsContext context = UpstreamTlsContext.newBuilder().setCommonTlsContext(common).setSni(tls.sni()).build();
    return TransportSocket.newBuilder().setName(NAME).setTypedConfig(Protos.pack(context)).build();
  }

  static TransportSocket transportSocket(ClientTls tls, String clusterName) {
    if (tls.mode() == ClientTls.Mode.DISABLE) {
      return null;
    }
    CommonTlsContext.Builder common = CommonTlsContext.newBuilder();
    CertificateValidationContext.Builder validation = CertificateValidationContext.newBuilder();
    for (String san : tls.subjectAltNames()) {
      validation.addMatchTypedSubjectAltNames(SubjectAltNameMatcher.newBuilder()
          .setSanType(san.startsWith("spiffe://") ? SubjectAltNameMatcher.SanType.URI : SubjectAltNameMatcher.SanType.DNS)
          .setMatcher(StringMatcher.newBuilder().setExact(san)));
    }
    String sni = tls.sni();
    if (tls.mode() == ClientTls.Mode.ISTIO_MUTUAL) {
      common.addTlsCertificateSdsSecretConfigs(sds("default"))
          .setCombinedValidationContext(CommonTlsContext.CombinedCertificateValidationContext.newBuilder()
              .setDefaultValidationContext(validation)
              .setValidationContextSdsSecretConfig(sds("ROOTCA")));
      sni = sni.isEmpty() ? clusterName.replace("|", "_.") : sni;
    } else {
      String ca = tls.caCertificates().isEmpty() ? SYSTEM_ROOTS : tls.caCertificates();
      common.setValidationContext(validation.setTrustedCa(file(ca)));
      if (tls.mode() == ClientTls.Mode.MUTUAL) {
        common.addTlsCertificates(TlsCertificate.newBuilder()
            .setCertificateChain(file(tls.clientCertificate()))
            .setPrivateKey(file(tls.privateKey())));
      }
    }
    UpstreamTlsContext context = UpstreamTlsContext.newBuilder().setCommonTlsContext(common).setSni(sni).build();
    return TransportSocket.newBuilder().setName(NAME).setTypedConfig(Protos.pack(context)).build();
  }

  private static DataSource file(String path) {
    return DataSource.newBuilder().setFilename(path).build();
  }

  /** An SDS secret from the cluster {@code sds-grpc} that Istio's agent bootstrap defines. */
  static SdsSecretConfig sds(String name) {
    return SdsSecretConfig.newBuilder()
        .setName(name)
        .setSdsConfig(ConfigSource.newBuilder()
            .setResourceApiVersion(ApiVersion.V3)
            .setApiConfigSource(ApiConfigSource.newBuilder()
                .setApiType(ApiConfigSource.ApiType.GRPC)
                .setTransportApiVersion(ApiVersion.V3)
                .setSetNodeOnFirstMessageOnly(true)
                .addGrpcServices(GrpcService.newBuilder()
                    .setEnvoyGrpc(GrpcService.EnvoyGrpc.newBuilder().setClusterName(SDS_CLUSTER)))))
        .build();
  }
}
