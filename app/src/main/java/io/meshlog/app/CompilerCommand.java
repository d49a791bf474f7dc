package io.meshlog.app;

import io.meshlog.compiler.Compiler;
import io.meshlog.compiler.CompilerConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "compiler", mixinStandardHelpOptions = true, description = "Run the compiler (Kafka Streams) alone against a Kafka cluster.")
final class CompilerCommand implements Callable<Integer> {
  @Mixin KafkaOptions kafka;

  @Option(names = "--state-dir", defaultValue = ".meshlog/compiler", description = "Local state store directory (default: ${DEFAULT-VALUE})")
  Path stateDir;

  @Override
  public Integer call() throws Exception {
    kafka.ensureTopics();
    Compiler compiler = Compiler.start(CompilerConfig.of(kafka.bootstrapServers, kafka.topics(), stateDir));
    System.out.println("compiler running");
    return RunUntilStopped.run(compiler);
  }
}
