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
 * A cluster's {@code envoy.transport_sockets.tls} from a DestinationRule's {@code tls}, for sidecars and (see
 * {@link #grpcTransportSocket}) for proxyless gRPC. A sidecar's SIMPLE and MUTUAL read files on the proxy;
 * ISTIO_MUTUAL takes the workload certificate {@code default} and the root {@code ROOTCA} over SDS from the cluster
 * {@code sds-grpc}, the names and source Istio's agent serves, and by default Istio's SNI
 * {@code outbound_.<port>_.<subset>_.<host>}. DISABLE is plaintext (null).
 */
final class UpstreamTlsFactory {
  static final String NAME = "envoy.transport_sockets.tls";
  static final String SDS_CLUSTER = "sds-grpc";
  /** Used without caCertificates, so SIMPLE and MUTUAL still verify the server (the Debian/Ubuntu bundle). */
  static final String SYSTEM_ROOTS = GrpcTlsFiles.SYSTEM_BUNDLE;

  private UpstreamTlsFactory() {}

  /** Istio's proxyless names: the bootstrap's certificate provider instance, its workload and root certificates. */
  static final String GRPC_PROVIDER = "default";
  static final String GRPC_ROOT = "ROOTCA";

  /**
   * A gRPC cluster's TLS (gRFC A29): grpc-java takes certificates only from certificate provider instances that the
   * client's bootstrap defines ({@code certificate_providers}) and NACKs a cluster naming one it lacks. ISTIO_MUTUAL
   * names Istio's proxyless instance {@code default} (workload certificate {@code default}, root {@code ROOTCA});
   * SIMPLE and MUTUAL name a {@code file_watcher} instance after their files ({@link GrpcTlsFiles}), MUTUAL for both
   * its identity and its roots; SIMPLE without caCertificates asks for the system roots ({@code system_root_certs},
   * gRFC A82, on by default in grpc-java 1.85), which needs no instance. DISABLE is plaintext (null).
   */
  static TransportSocket grpcTransportSocket(ClientTls tls) {
    CertificateValidationContext.Builder validation = CertificateValidationContext.newBuilder();
    CommonTlsContext.Builder common = CommonTlsContext.newBuilder();
    GrpcTlsFiles files = GrpcTlsFiles.of(tls);
    if (tls.mode() == ClientTls.Mode.ISTIO_MUTUAL) {
      validation.setCaCertificateProviderInstance(instance(GRPC_PROVIDER, GRPC_ROOT));
      common.setTlsCertificateProviderInstance(instance(GRPC_PROVIDER, GRPC_PROVIDER));
    } else if (files != null) {
      validation.setCaCertificateProviderInstance(instance(files.instanceName(), ""));
      if (files.hasIdentity()) {
        common.setTlsCertificateProviderInstance(instance(files.instanceName(), ""));
      }
    } else if (tls.mode() == ClientTls.Mode.SIMPLE) {
      validation.setSystemRootCerts(CertificateValidationContext.SystemRootCerts.getDefaultInstance());
    } else {
      return null;
    }
    for (String san : tls.subjectAltNames()) {
      validation.addMatchSubjectAltNames(StringMatcher.newBuilder().setExact(san));
    }
    UpstreamTlsContext context = UpstreamTlsContext.newBuilder()
        .setCommonTlsContext(common.setValidationContext(validation))
        .setSni(tls.sni())
        .build();
    return TransportSocket.newBuilder().setName(NAME).setTypedConfig(Protos.pack(context)).build();
  }

  private static CertificateProviderPluginInstance instance(String name, String certificate) {
    return CertificateProviderPluginInstance.newBuilder().setInstanceName(name).setCertificateName(certificate).build();
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
