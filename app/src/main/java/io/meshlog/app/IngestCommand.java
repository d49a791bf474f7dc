package io.meshlog.app;

import io.meshlog.ingest.Ingest;
import io.meshlog.ingest.IngestConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true, description = "Run ingest alone (its HTTP apply API) against a Kafka cluster.")
final class IngestCommand implements Callable<Integer> {
  @Mixin KafkaOptions kafka;

  @Option(names = "--host", defaultValue = "0.0.0.0")
  String host;

  @Option(names = "--port", defaultValue = "15080")
  int port;

  @Override
  public Integer call() throws Exception {
    kafka.ensureTopics();
    Ingest ingest = Ingest.start(new IngestConfig(kafka.bootstrapServers, kafka.topics(), host, port, "api", ""));
    System.out.println("ingest serving on " + host + ":" + ingest.port());
    return RunUntilStopped.run(ingest);
  }
}
