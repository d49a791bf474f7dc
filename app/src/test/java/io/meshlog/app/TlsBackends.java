package io.meshlog.app;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.meshlog.gateway.TestCerts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Real local gRPC servers that speak only TLS (a server certificate for 127.0.0.1/localhost from a test CA), each
 * answering with its name and recording what every call's connection showed: its TLS session's requested server
 * names (SNI) and the client certificate's subject, so a test sees from the server's side that TLS was used.
 */
final class TlsBackends implements AutoCloseable {
  /** One call as the server saw it; peer is the client certificate's subject, empty without one. */
  record Seen(String backend, boolean tls, List<String> sni, String peer) {}

  private final List<Server> servers = new ArrayList<>();
  private final Queue<Seen> seen = new ConcurrentLinkedQueue<>();
  private final TestCerts.Pem serverCert;
  private final Path ca;

  TlsBackends(TestCerts certs) {
    this.serverCert = certs.server("backend");
    this.ca = certs.caFile();
  }

  /** A backend on loopback, port picked now; with clientAuth it refuses clients without a certificate from the CA. */
  int start(String name, boolean clientAuth) throws IOException {
    TlsServerCredentials.Builder creds = TlsServerCredentials.newBuilder()
        .keyManager(serverCert.cert().toFile(), serverCert.key().toFile());
    if (clientAuth) {
      creds.trustManager(ca.toFile()).clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
    }
    Server s = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), creds.build())
        .addService(ServerInterceptors.intercept(Echo.service(name), recorder(name)))
        .build()
        .start();
    servers.add(s);
    return s.getPort();
  }

  /** The calls every backend answered so far, in order, and forgets them. */
  List<Seen> drain() {
    List<Seen> out = new ArrayList<>();
    for (Seen s; (s = seen.poll()) != null; ) {
      out.add(s);
    }
    return out;
  }

  private ServerInterceptor recorder(String backend) {
    return new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
          ServerCallHandler<Q, R> next) {
        SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
        seen.add(new Seen(backend, session != null, sni(session), peer(session)));
        return next.startCall(call, headers);
      }
    };
  }

  private static List<String> sni(SSLSession session) {
    List<String> names = new ArrayList<>();
    if (session instanceof ExtendedSSLSession extended) {
      for (SNIServerName name : extended.getRequestedServerNames()) {
        names.add(name instanceof SNIHostName host ? host.getAsciiName() : name.toString());
      }
    }
    return names;
  }

  private static String peer(SSLSession session) {
    if (session == null) {
      return "";
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      return ((X509Certificate) chain[0]).getSubjectX500Principal().getName();
    } catch (SSLPeerUnverifiedException e) {
      return ""; // the client sent no certificate
    }
  }

  @Override
  public void close() {
    servers.forEach(Server::shutdownNow);
  }
}
