package io.meshlog.compiler.core.envoy;

import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.config.core.v3.TransportSocket;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CertificateValidationContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CommonTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SubjectAltNameMatcher;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.TlsCertificate;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.TlsParameters;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.meshlog.mesh.ServerTls;
import com.google.protobuf.BoolValue;

/**
 * A Gateway HTTPS (or TLS-terminating TLS) server's {@code DownstreamTlsContext}. With {@code credentialName} the certificate is the SDS
 * secret {@code kubernetes://<name>} and, for MUTUAL, the client CA {@code kubernetes://<name>-cacert}, both asked
 * of the cluster {@code sds-grpc}: Istio's names, served by the router's own agent (meshlog serves no secrets).
 * With file paths the files are read on the router. ISTIO_MUTUAL uses the router's mesh certificate
 * {@code default} and the mesh root {@code ROOTCA} from {@code sds-grpc}, the secrets Istio's agent serves. MUTUAL
 * and ISTIO_MUTUAL require and verify a client certificate.
 */
final class DownstreamTlsFactory {
  static final String CREDENTIAL_PREFIX = "kubernetes://";
  static final String CA_SUFFIX = "-cacert";
  /** The SDS secrets Istio's agent serves: the workload (mesh) certificate and the mesh root. */
  static final String MESH_CERTIFICATE = "default";
  static final String MESH_ROOT = "ROOTCA";

  private DownstreamTlsFactory() {}

  /** @param http an HTTP connection manager is behind (ALPN h2, http/1.1); else tcp_proxy, which offers none */
  static TransportSocket transportSocket(ServerTls tls, boolean http) {
    CommonTlsContext.Builder common = CommonTlsContext.newBuilder();
    if (http) {
      // HTTP/2 when the client offers it, else HTTP/1.1: the HCM behind speaks both.
      common.addAlpnProtocols("h2").addAlpnProtocols("http/1.1");
    }
    boolean mutual = tls.mode() == ServerTls.Mode.MUTUAL || tls.mode() == ServerTls.Mode.ISTIO_MUTUAL;
    CertificateValidationContext.Builder validation = CertificateValidationContext.newBuilder();
    for (String san : tls.subjectAltNames()) {
      validation.addMatchTypedSubjectAltNames(SubjectAltNameMatcher.newBuilder()
          .setSanType(san.startsWith("spiffe://") ? SubjectAltNameMatcher.SanType.URI : SubjectAltNameMatcher.SanType.DNS)
          .setMatcher(StringMatcher.newBuilder().setExact(san)));
    }
    if (tls.mode() == ServerTls.Mode.ISTIO_MUTUAL) {
      // As a sidecar's ISTIO_MUTUAL cluster (UpstreamTlsFactory): the agent's secrets, from the same SDS cluster.
      common.addTlsCertificateSdsSecretConfigs(UpstreamTlsFactory.sds(MESH_CERTIFICATE))
          .setCombinedValidationContext(CommonTlsContext.CombinedCertificateValidationContext.newBuilder()
              .setDefaultValidationContext(validation)
              .setValidationContextSdsSecretConfig(UpstreamTlsFactory.sds(MESH_ROOT)));
    } else if (!tls.credentialName().isEmpty()) {
      String secret = CREDENTIAL_PREFIX + tls.credentialName();
      common.addTlsCertificateSdsSecretConfigs(UpstreamTlsFactory.sds(secret));
      if (mutual) {
        common.setCombinedValidationContext(CommonTlsContext.CombinedCertificateValidationContext.newBuilder()
            .setDefaultValidationContext(validation)
            .setValidationContextSdsSecretConfig(UpstreamTlsFactory.sds(secret + CA_SUFFIX)));
      }
    } else {
      common.addTlsCertificates(TlsCertificate.newBuilder()
          .setCertificateChain(file(tls.serverCertificate()))
          .setPrivateKey(file(tls.privateKey())));
      if (mutual) {
        common.setValidationContext(validation.setTrustedCa(file(tls.caCertificates())));
      }
    }
    TlsParameters.Builder params = TlsParameters.newBuilder();
    if (!tls.minProtocolVersion().isEmpty()) {
      params.setTlsMinimumProtocolVersion(version(tls.minProtocolVersion()));
    }
    if (!tls.maxProtocolVersion().isEmpty()) {
      params.setTlsMaximumProtocolVersion(version(tls.maxProtocolVersion()));
    }
    params.addAllCipherSuites(tls.cipherSuites());
    if (!params.build().equals(TlsParameters.getDefaultInstance())) {
      common.setTlsParams(params);
    }
    DownstreamTlsContext.Builder context = DownstreamTlsContext.newBuilder().setCommonTlsContext(common);
    if (mutual) {
      context.setRequireClientCertificate(BoolValue.of(true));
    }
    return TransportSocket.newBuilder()
        .setName(UpstreamTlsFactory.NAME)
        .setTypedConfig(Protos.pack(context.build()))
        .build();
  }

  /** Istio's TLSV1_2 is Envoy's TLSv1_2; TLS_AUTO is Envoy's default. */
  private static TlsParameters.TlsProtocol version(String istio) {
    return switch (istio) {
      case "TLSV1_0" -> TlsParameters.TlsProtocol.TLSv1_0;
      case "TLSV1_1" -> TlsParameters.TlsProtocol.TLSv1_1;
      case "TLSV1_2" -> TlsParameters.TlsProtocol.TLSv1_2;
      case "TLSV1_3" -> TlsParameters.TlsProtocol.TLSv1_3;
      default -> TlsParameters.TlsProtocol.TLS_AUTO;
    };
  }

  private static DataSource file(String path) {
    return DataSource.newBuilder().setFilename(path).build();
  }
}
