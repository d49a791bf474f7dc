package io.meshlog.app;

import io.meshlog.compiler.core.envoy.GrpcTlsFiles;
import io.meshlog.ingest.SourcesConfig;
import io.meshlog.schemas.Topics;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Start the whole stack: embedded Kafka (KRaft), ingest, the compiler and an xDS gateway. Ctrl-C stops it.")
final class UpCommand implements Callable<Integer> {
  @Option(names = "--data-dir", defaultValue = ".meshlog", description = "Where Kafka's data and state live (default: ${DEFAULT-VALUE})")
  Path dataDir;

  @Option(names = "--bootstrap-servers", description = "Use this Kafka cluster instead of the embedded broker")
  String bootstrapServers;

  @Option(names = "--kafka-port", defaultValue = "19092", description = "Port of the embedded broker (default: ${DEFAULT-VALUE})")
  int kafkaPort;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to serve on (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--ingest-port", defaultValue = "15080", description = "Ingest HTTP port (default: ${DEFAULT-VALUE})")
  int ingestPort;

  @Option(names = "--xds-port", defaultValue = "15010", description = "xDS (ADS) port (default: ${DEFAULT-VALUE})")
  int xdsPort;

  @Option(names = "--topic-prefix", defaultValue = Topics.DEFAULT_PREFIX, description = "Topic name prefix (default: ${DEFAULT-VALUE})")
  String topicPrefix;

  @Option(names = "--config", description = "meshlog.yaml: the registries ingest syncs (Kubernetes clusters, folders of YAML, VM registration)")
  Path configFile;

  @Option(names = "--token-file", description = "Require this bearer token (file contents) on ingest's HTTP API; "
      + "the CLI sends it with --token-file or MESHLOG_TOKEN")
  Path tokenFile;

  @Option(names = "--grpc-tls", paramLabel = "cert=FILE,key=FILE,ca=FILE",
      description = "For a DestinationRule tls SIMPLE (ca=FILE) or MUTUAL (cert=FILE,key=FILE[,ca=FILE]) with these "
          + "files: define in the gRPC bootstrap the certificate provider instance its grpc clusters name (repeatable)")
  List<String> grpcTls = List.of();

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<GrpcTlsFiles> tls = new ArrayList<>();
    for (String files : grpcTls) {
      tls.add(GrpcTlsFiles.parse(files)); // before anything starts: a typo stops here with one line
    }
    StackConfig config = new StackConfig(dataDir, bootstrapServers, kafkaPort, host, ingestPort, xdsPort,
        Topics.withPrefix(topicPrefix));
    if (configFile != null) {
      config = config.withSources(SourcesConfig.read(configFile));
    }
    if (tokenFile != null) {
      config = config.withIngestToken(Tokens.read(tokenFile));
    }
    Stack stack = Stack.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stack.close();
      stopped.countDown();
    }, "meshlog-shutdown"));
    Endpoints endpoints = stack.endpoints();
    endpoints.write(dataDir);
    Path placeholderKey = dataDir.resolve("grpc-placeholder-key.pem").toAbsolutePath();
    if (GrpcFileProviders.needsPlaceholderKey(tls)) {
      GrpcFileProviders.writePlaceholderKey(placeholderKey);
    }
    String grpcBootstrap = Bootstraps.grpc(endpoints.xdsAddress(), "grpc-client", tls, placeholderKey);
    Files.writeString(dataDir.resolve("grpc-bootstrap.json"), grpcBootstrap);
    Files.writeString(dataDir.resolve("envoy-bootstrap.yaml"), Bootstraps.envoy(endpoints.xdsAddress(), "envoy-sidecar"));
    out.printf("""
        meshlog is up.
          Kafka:   %s%s
          ingest:  %s   (meshlog apply -f examples/demo-mesh.yaml)%s
          xDS:     %s   (ADS, state of the world and delta; plaintext on loopback, for local development)
          admin:   http://%s   (/metrics, /ready, /debug/syncz, /debug/config_dump?proxy=ID)

        gRPC proxyless clients: GRPC_XDS_BOOTSTRAP=%s, target xds:///<host>:<port>
        %s
        Envoy: envoy -c %s
        %s
        Ctrl-C stops everything.
        """, endpoints.bootstrapServers(), bootstrapServers == null ? " (embedded, data in " + dataDir.resolve("kafka") + ")" : "",
        endpoints.ingestUrl(), tokenFile != null ? "\n                   bearer token required (from " + tokenFile + ")"
            : "\n                   open, no token: for local development on loopback (--token-file to require one)",
        endpoints.xdsAddress(), stack.gateway().adminAddress(), dataDir.resolve("grpc-bootstrap.json"),
        grpcBootstrap, dataDir.resolve("envoy-bootstrap.yaml"),
        Bootstraps.envoy(endpoints.xdsAddress(), "envoy-sidecar"));
    out.flush();
    stopped.await();
    return 0;
  }
}
