package io.meshlog.app;

import io.meshlog.gateway.GatewayConfig;
import io.meshlog.gateway.GatewayTls;
import java.nio.file.Path;
import io.meshlog.gateway.XdsGateway;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "gateway", mixinStandardHelpOptions = true,
    description = "Run one xDS gateway against a Kafka cluster; it serves once caught up with the log. Run as many as you like.")
final class GatewayCommand implements Callable<Integer> {
  @Mixin KafkaOptions kafka;

  @Option(names = "--host", defaultValue = "0.0.0.0")
  String host;

  @Option(names = "--port", defaultValue = "15010")
  int port;

  @Option(names = "--id", description = "Gateway id in status records (default: host:port)")
  String id;

  @Option(names = "--admin-port", defaultValue = "15014",
      description = "Admin HTTP port: /metrics, /ready, /debug/syncz, /debug/config_dump (0 picks one, -1 none; default: ${DEFAULT-VALUE})")
  int adminPort;

  @Option(names = "--max-serving-lag", defaultValue = "10000",
      description = "Refuse new streams while more than this many records behind the log (default: ${DEFAULT-VALUE})")
  long maxServingLag;

  @Option(names = "--tls-cert", description = "PEM certificate chain: serve xDS over TLS, client certificates required")
  Path tlsCert;

  @Option(names = "--tls-key", description = "PEM private key (PKCS#8) of --tls-cert")
  Path tlsKey;

  @Option(names = "--tls-client-ca", description = "PEM CA bundle that proxies' client certificates must chain to")
  Path tlsClientCa;

  @Option(names = "--plaintext", description = "Serve xDS without TLS (local development only)")
  boolean plaintext;

  @Option(names = "--at", description = "Serve the mesh as it stood at T (same forms as replay --at), compiled from "
      + "the events; follows nothing and writes nothing")
  String at;

  @Override
  public Integer call() throws Exception {
    GatewayConfig.Builder config = GatewayConfig.builder(kafka.bootstrapServers).topics(kafka.topics())
        .host(host).port(port).gatewayId(id != null ? id : host + ":" + port)
        .adminPort(adminPort).maxServingLag(maxServingLag).tls(tls());
    if (at != null) {
      config.staticResources(FrozenMesh.at(kafka.bootstrapServers, kafka.topics(), at, Instant.now()));
    } else {
      kafka.ensureTopics();
    }
    XdsGateway gateway = XdsGateway.start(config.build());
    System.out.println("admin (metrics, ready, debug) on http://" + gateway.adminAddress());
    System.out.println("xDS gateway serving " + (plaintext ? "plaintext" : "mTLS") + " on " + gateway.xdsAddress()
        + (at != null ? " (frozen at " + config.build().staticResources().get().description() + ")" : ""));
    return RunUntilStopped.run(gateway);
  }

  /** TLS unless --plaintext says otherwise: a gateway never serves plaintext by accident. */
  private GatewayTls tls() {
    boolean anyTls = tlsCert != null || tlsKey != null || tlsClientCa != null;
    if (plaintext == anyTls) {
      throw new IllegalArgumentException(plaintext ? "--plaintext cannot be combined with --tls-*"
          : "give --tls-cert, --tls-key and --tls-client-ca, or --plaintext for local development");
    }
    if (plaintext) {
      return null;
    }
    if (tlsCert == null || tlsKey == null || tlsClientCa == null) {
      throw new IllegalArgumentException("--tls-cert, --tls-key and --tls-client-ca go together");
    }
    return new GatewayTls(tlsCert, tlsKey, tlsClientCa);
  }
}
