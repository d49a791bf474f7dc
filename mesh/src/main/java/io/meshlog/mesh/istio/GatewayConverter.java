package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.istio.api.api.networking.v1alpha3.Server;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettings;
import io.meshlog.mesh.Gateway;
import io.meshlog.mesh.GatewayHost;
import io.meshlog.mesh.GatewayServer;
import io.meshlog.mesh.ObjectRef;
import io.meshlog.mesh.ServerTls;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Gateway to the mesh model: selector (empty: every router), and servers with port, hosts and TLS termination
 * (SIMPLE, MUTUAL, ISTIO_MUTUAL; on a TLS server the connection then goes to TCP routes), TLS PASSTHROUGH (HTTPS or TLS
 * servers), AUTO_PASSTHROUGH (TLS servers), plain TCP, or an https redirect. What would change what the router does if honoured and is not
 * compiled (the other modes and protocols, bind, defaultEndpoint,
 * CRLs, pinned certificate hashes) is rejected as
 * {@code not supported yet}, like every other converter does.
 */
final class GatewayConverter {
  private static final Set<String> SUPPORTED = Set.of("selector", "servers");
  private static final Set<String> SERVER_FIELDS = Set.of("port", "hosts", "tls", "name");
  private static final Set<String> TLS_FIELDS = Set.of("httpsRedirect", "mode", "credentialName",
      "serverCertificate", "privateKey", "caCertificates", "subjectAltNames", "minProtocolVersion",
      "maxProtocolVersion", "cipherSuites");

  private GatewayConverter() {}

  static Gateway convert(
      ObjectRef ref, io.fabric8.istio.api.api.networking.v1alpha3.Gateway gw, JsonNode spec, Errors errors) {
    Fields.onlySupported(spec, "spec", errors, SUPPORTED);
    Map<String, String> selector = Fields.map(gw.getSelector());
    // Empty (or absent): every router, as in Istio; its servers are merged into every gateway class.
    Names.checkLabels(selector, "spec.selector", errors);
    List<Server> servers = Fields.list(gw.getServers());
    if (servers.isEmpty()) {
      errors.add("spec.servers", "at least one server is required");
    }
    List<GatewayServer> out = new ArrayList<>();
    for (int i = 0; i < servers.size(); i++) {
      out.add(server(ref, servers.get(i), spec.path("servers").path(i), "spec.servers[" + i + "]", errors));
    }
    return new Gateway(ref, selector, out);
  }

  private static GatewayServer server(ObjectRef ref, Server s, JsonNode json, String path, Errors errors) {
    Fields.onlySupported(json, path, errors, SERVER_FIELDS);
    int number = 0;
    String portName = "";
    GatewayServer.Protocol protocol = GatewayServer.Protocol.HTTP;
    if (s.getPort() == null) {
      errors.add(path + ".port", "required");
    } else {
      Fields.onlySupported(json.path("port"), path + ".port", errors, Set.of("number", "name", "protocol"));
      if (!Fields.isPort(s.getPort().getNumber())) {
        errors.add(path + ".port.number", s.getPort().getNumber() == null ? "required" : "must be a port number 1..65535");
      } else {
        number = s.getPort().getNumber().intValue();
      }
      portName = Fields.text(s.getPort().getName());
      if (portName.isEmpty()) {
        errors.add(path + ".port.name", "required");
      }
      protocol = protocol(s.getPort().getProtocol(), path + ".port.protocol", errors);
    }
    List<String> written = Fields.list(s.getHosts());
    if (written.isEmpty()) {
      errors.add(path + ".hosts", "at least one host is required");
    }
    List<GatewayHost> hosts = new ArrayList<>();
    for (int j = 0; j < written.size(); j++) {
      hosts.add(host(written.get(j), path + ".hosts[" + j + "]", errors));
    }
    ServerTls tls = null;
    boolean redirect = false;
    ServerTLSSettings t = s.getTls();
    JsonNode tlsJson = json.path("tls");
    if (t != null) {
      Fields.onlySupported(tlsJson, path + ".tls", errors, TLS_FIELDS);
      redirect = Boolean.TRUE.equals(t.getHttpsRedirect());
      if (redirect && !protocol.plaintextHttp()) {
        errors.add(path + ".tls.httpsRedirect", "only a plaintext HTTP server can redirect to https");
      }
    }
    if (protocol.sniMatched()) {
      tls = tls(t, protocol, path + ".tls", errors);
    } else if (t != null && (t.getMode() != null || !tlsJson.path("credentialName").isMissingNode())) {
      errors.add(path + ".tls.mode", "TLS settings need protocol HTTPS or TLS (a " + protocol + " server "
          + (protocol.plaintextHttp() ? "only takes httpsRedirect)" : "takes none)"));
    }
    return new GatewayServer(number, protocol, portName, hosts, tls, redirect);
  }

  private static GatewayServer.Protocol protocol(String written, String path, Errors errors) {
    String p = Fields.text(written).toUpperCase(Locale.ROOT);
    switch (p) {
      case "HTTP", "HTTP2", "GRPC", "HTTPS", "TLS", "TCP":
        return GatewayServer.Protocol.valueOf(p);
      case "MONGO", "REDIS", "MYSQL", "GRPC-WEB", "HTTP_PROXY", "UDP":
        errors.add(path, "protocol " + p + " not supported yet (supported: HTTP, HTTP2, GRPC, HTTPS, TLS, TCP)");
        return GatewayServer.Protocol.HTTP;
      case "":
        errors.add(path, "required");
        return GatewayServer.Protocol.HTTP;
      default:
        errors.add(path, "unknown protocol \"" + written + "\" (supported: HTTP, HTTP2, GRPC, HTTPS, TLS, TCP)");
        return GatewayServer.Protocol.HTTP;
    }
  }

  /** {@code ns/host}, or a bare host, which Istio reads as {@code * /host}. */
  private static GatewayHost host(String written, String path, Errors errors) {
    int slash = written.indexOf('/');
    String ns = slash < 0 ? GatewayHost.ANY : written.substring(0, slash);
    String host = slash < 0 ? written : written.substring(slash + 1);
    if (!(GatewayHost.ANY.equals(ns) || GatewayHost.SAME.equals(ns) || Names.isDnsLabel(ns))) {
      errors.add(path, "invalid namespace \"" + ns + "\": must be \"*\", \".\" or a namespace name");
    }
    if (!Hosts.isHostOrWildcard(host)) {
      errors.add(path, "invalid host \"" + host + "\": must be \"*\", *.suffix or a DNS name");
    }
    return new GatewayHost(ns, host);
  }

  private static ServerTls tls(ServerTLSSettings t, GatewayServer.Protocol protocol, String path, Errors errors) {
    boolean tlsServer = protocol == GatewayServer.Protocol.TLS;
    if (t == null || t.getMode() == null) {
      errors.add(path + ".mode", "required for a" + (tlsServer ? " TLS" : "n HTTPS")
          + " server (SIMPLE, MUTUAL, ISTIO_MUTUAL or PASSTHROUGH)");
      return null;
    }
    ServerTls.Mode mode;
    switch (t.getMode().name()) {
      case "SIMPLE" -> mode = ServerTls.Mode.SIMPLE;
      case "MUTUAL" -> mode = ServerTls.Mode.MUTUAL;
      case "PASSTHROUGH" -> {
        unopened(t, "PASSTHROUGH", path, errors);
        return ServerTls.passthrough();
      }
      case "AUTO_PASSTHROUGH" -> {
        if (!tlsServer) {
          // Istio's validation: the SNI names clusters, so only a TLS server can read it unopened.
          errors.add(path + ".mode", "AUTO_PASSTHROUGH needs protocol TLS");
          return null;
        }
        unopened(t, "AUTO_PASSTHROUGH", path, errors);
        return ServerTls.autoPassthrough();
      }
      case "ISTIO_MUTUAL" -> {
        return istioMutual(t, path, errors);
      }
      default -> {
        errors.add(path + ".mode", t.getMode().name()
            + " not supported yet (supported: SIMPLE, MUTUAL, ISTIO_MUTUAL, PASSTHROUGH, AUTO_PASSTHROUGH)");
        return null;
      }
    }
    String credential = Fields.text(t.getCredentialName());
    String cert = Fields.text(t.getServerCertificate());
    String key = Fields.text(t.getPrivateKey());
    String ca = Fields.text(t.getCaCertificates());
    if (!credential.isEmpty()) {
      for (String[] f : new String[][] {{"serverCertificate", cert}, {"privateKey", key}, {"caCertificates", ca}}) {
        if (!f[1].isEmpty()) {
          errors.add(path + "." + f[0], "set credentialName or file paths, not both");
        }
      }
    } else {
      if (cert.isEmpty()) {
        errors.add(path + ".serverCertificate", "required with mode " + mode + " unless credentialName is set");
      }
      if (key.isEmpty()) {
        errors.add(path + ".privateKey", "required with mode " + mode + " unless credentialName is set");
      }
      if (mode == ServerTls.Mode.MUTUAL && ca.isEmpty()) {
        errors.add(path + ".caCertificates", "required with mode MUTUAL unless credentialName is set: "
            + "client certificates must be verified against a CA");
      }
    }
    if (mode == ServerTls.Mode.SIMPLE && !Fields.list(t.getSubjectAltNames()).isEmpty()) {
      errors.add(path + ".subjectAltNames", "only checked on client certificates: needs mode MUTUAL");
    }
    return new ServerTls(mode, credential, cert, key, ca, Fields.list(t.getSubjectAltNames()),
        t.getMinProtocolVersion() == null ? "" : t.getMinProtocolVersion().name(),
        t.getMaxProtocolVersion() == null ? "" : t.getMaxProtocolVersion().name(),
        Fields.list(t.getCipherSuites()));
  }

  /**
   * ISTIO_MUTUAL terminates with the mesh certificate the router's agent serves: certificate fields would be
   * ignored, so (as Istio's validation) they are an error.
   */
  private static ServerTls istioMutual(ServerTLSSettings t, String path, Errors errors) {
    String[][] unused = {
        {"credentialName", Fields.text(t.getCredentialName())},
        {"serverCertificate", Fields.text(t.getServerCertificate())},
        {"privateKey", Fields.text(t.getPrivateKey())},
        {"caCertificates", Fields.text(t.getCaCertificates())}};
    rejectSet(unused, "not used with mode ISTIO_MUTUAL: the router uses its mesh certificate", path, errors);
    return ServerTls.istioMutual(Fields.list(t.getSubjectAltNames()),
        t.getMinProtocolVersion() == null ? "" : t.getMinProtocolVersion().name(),
        t.getMaxProtocolVersion() == null ? "" : t.getMaxProtocolVersion().name(),
        Fields.list(t.getCipherSuites()));
  }

  /**
   * PASSTHROUGH and AUTO_PASSTHROUGH forward the encrypted connection: certificates and TLS parameters would never
   * be used, so setting them is a mistake worth naming rather than ignoring.
   */
  private static void unopened(ServerTLSSettings t, String mode, String path, Errors errors) {
    String[][] unused = {
        {"credentialName", Fields.text(t.getCredentialName())},
        {"serverCertificate", Fields.text(t.getServerCertificate())},
        {"privateKey", Fields.text(t.getPrivateKey())},
        {"caCertificates", Fields.text(t.getCaCertificates())},
        {"subjectAltNames", String.join(",", Fields.list(t.getSubjectAltNames()))},
        {"minProtocolVersion", t.getMinProtocolVersion() == null ? "" : t.getMinProtocolVersion().name()},
        {"maxProtocolVersion", t.getMaxProtocolVersion() == null ? "" : t.getMaxProtocolVersion().name()},
        {"cipherSuites", String.join(",", Fields.list(t.getCipherSuites()))}};
    rejectSet(unused, "not used with mode " + mode + ": the router does not terminate TLS", path, errors);
  }

  /** Each {@code {field, value}} with a value is an error: the mode would ignore it. */
  private static void rejectSet(String[][] fields, String message, String path, Errors errors) {
    for (String[] f : fields) {
      if (!f[1].isEmpty()) {
        errors.add(path + "." + f[0], message);
      }
    }
  }
}
