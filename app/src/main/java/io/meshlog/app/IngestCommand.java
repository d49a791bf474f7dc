package io.meshlog.app;

import io.meshlog.ingest.Ingest;
import io.meshlog.ingest.IngestConfig;
import io.meshlog.ingest.SourcesConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true, description = "Run ingest alone (its HTTP apply API, and the registries of --config) against a Kafka cluster.")
final class IngestCommand implements Callable<Integer> {
  @Mixin KafkaOptions kafka;

  @Option(names = "--host", defaultValue = "0.0.0.0")
  String host;

  @Option(names = "--port", defaultValue = "15080")
  int port;

  @Option(names = "--config", description = "meshlog.yaml: the registries to sync (Kubernetes clusters, folders of YAML, VM registration)")
  Path configFile;

  @Option(names = "--token-file", description = "Require this bearer token (file contents) on every HTTP request but /healthz")
  Path tokenFile;

  @Option(names = "--no-auth", description = "Serve the HTTP API without a token (local development only)")
  boolean noAuth;

  @Override
  public Integer call() throws Exception {
    // Read before anything starts (Kafka included): a bad file fails at once, naming the field.
    SourcesConfig sources = configFile == null ? SourcesConfig.none() : SourcesConfig.read(configFile);
    // Like the gateway's --plaintext: an ingest API anyone can write to is never started by accident.
    if (noAuth == (tokenFile != null)) {
      throw new IllegalArgumentException(noAuth ? "--no-auth cannot be combined with --token-file"
          : "give --token-file FILE (clients send it as a bearer token), or --no-auth for local development");
    }
    kafka.ensureTopics();
    String token = tokenFile == null ? null : Tokens.read(tokenFile);
    Ingest ingest = Ingest.start(
        new IngestConfig(kafka.bootstrapServers, kafka.topics(), host, port, "api", "").withToken(token), sources);
    System.out.println("ingest serving on " + host + ":" + ingest.port()
        + (token != null ? " (bearer token required)" : " (open: --no-auth, anyone who can reach it can apply)"));
    return RunUntilStopped.run(ingest);
  }
}
