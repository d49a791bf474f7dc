package io.meshlog.gateway;

import io.grpc.Attributes;
import io.grpc.Grpc;
import io.meshlog.schemas.ProxyClasses;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * A proxy's identity: the single SPIFFE URI ({@code spiffe://<trust-domain>/ns/<ns>/sa/<sa>}) in its client
 * certificate's SAN.
 *
 * <p>Node id rule: a stream bound to {@code spiffe://TD/ns/NS/sa/SA} may only use a node id equal to the SPIFFE
 * id itself, to {@code SA.NS}, or starting with {@code SA.NS.} (e.g. {@code SA.NS.pod-7}). Service account
 * names and namespaces are DNS labels without dots, so no identity can claim another's node ids.
 *
 * <p>Routers (ingress gateways) keep Istio's node id {@code router~<ip>~<pod>.<ns>~<ns>.svc.<cluster-domain>}:
 * it is allowed when both namespace parts equal the certificate's namespace (the namespace is the last
 * dot-separated part of {@code <pod>.<ns>}, unambiguous because a namespace has no dots). That is the check istiod
 * makes for a proxy: its namespace must be its certificate's. Any service account of the namespace may run a
 * router there, as in Istio; a certificate of namespace A can never name a router of namespace B.
 */
final class PeerIdentity {
  private PeerIdentity() {}

  /** The SPIFFE id of the peer's certificate; null on a plaintext connection. */
  static String of(Attributes attributes) {
    SSLSession session = attributes.get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    if (session == null) {
      return null;
    }
    Certificate[] chain;
    try {
      chain = session.getPeerCertificates();
    } catch (SSLPeerUnverifiedException e) {
      throw new IllegalArgumentException("no client certificate");
    }
    if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
      throw new IllegalArgumentException("no client certificate");
    }
    List<String> ids = new ArrayList<>();
    try {
      Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (Integer.valueOf(6).equals(san.get(0)) && san.get(1).toString().startsWith("spiffe://")) {
            ids.add(san.get(1).toString());
          }
        }
      }
    } catch (CertificateParsingException e) {
      throw new IllegalArgumentException("unreadable certificate SAN: " + e.getMessage());
    }
    if (ids.size() != 1) {
      throw new IllegalArgumentException("client certificate must carry exactly one SPIFFE URI SAN, has " + ids);
    }
    parse(ids.get(0));
    return ids.get(0);
  }

  /** {@code [trustDomain, namespace, serviceAccount]} of a SPIFFE id; rejects any other shape. */
  static String[] parse(String spiffeId) {
    String[] p = spiffeId.substring("spiffe://".length()).split("/", -1);
    if (p.length != 5 || p[0].isEmpty() || !p[1].equals("ns") || !p[3].equals("sa")
        || !label(p[2]) || !label(p[4])) {
      throw new IllegalArgumentException("not a spiffe://<trust-domain>/ns/<ns>/sa/<sa> id: " + spiffeId);
    }
    return new String[] {p[0], p[2], p[4]};
  }

  /** Whether a stream with this identity may call itself {@code nodeId} (see the class comment). */
  static boolean allows(String spiffeId, String nodeId) {
    String[] p = parse(spiffeId);
    String base = p[2] + "." + p[1];
    if (nodeId.startsWith(ProxyClasses.ROUTER_NODE_PREFIX)) {
      return routerIn(nodeId, p[1]);
    }
    return nodeId.equals(spiffeId) || nodeId.equals(base) || nodeId.startsWith(base + ".");
  }

  /** Whether {@code nodeId} is a well-formed router id whose namespace parts are both {@code namespace}. */
  static boolean routerIn(String nodeId, String namespace) {
    String[] p = nodeId.split("~", -1);
    if (p.length != 4 || !p[0].equals("router") || p[1].isEmpty()) {
      return false;
    }
    int dot = p[2].lastIndexOf('.');
    boolean podInNamespace = dot > 0 && p[2].substring(dot + 1).equals(namespace);
    boolean domainInNamespace = p[3].startsWith(namespace + ".svc.") && p[3].length() > (namespace + ".svc.").length();
    return podInNamespace && domainInNamespace;
  }

  private static boolean label(String s) {
    return !s.isEmpty() && !s.contains(".") && !s.contains("/");
  }
}
