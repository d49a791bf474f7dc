package io.meshlog.app;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "demo-client", mixinStandardHelpOptions = true,
    description = "Send RPCs through grpc-java's xDS client and print which backend answered how often. "
        + "Needs GRPC_XDS_BOOTSTRAP (meshlog up writes .meshlog/grpc-bootstrap.json).")
final class DemoClientCommand implements Callable<Integer> {
  @Parameters(index = "0", defaultValue = "xds:///echo.demo.svc:8080", description = "Target (default: ${DEFAULT-VALUE})")
  String target;

  @Option(names = {"-c", "--count"}, defaultValue = "1000", description = "Number of RPCs (default: ${DEFAULT-VALUE})")
  int count;

  @Override
  public Integer call() throws Exception {
    ManagedChannel channel = Grpc.newChannelBuilder(target, InsecureChannelCredentials.create()).build();
    try {
      Map<String, Integer> seen = new TreeMap<>();
      for (int i = 0; i < count; i++) {
        try {
          seen.merge(Echo.who(channel), 1, Integer::sum);
        } catch (StatusRuntimeException e) {
          seen.merge("error: " + e.getStatus().getCode(), 1, Integer::sum);
        }
      }
      seen.forEach((who, n) -> System.out.printf("%-12s %5d  %5.1f%%%n", who, n, 100.0 * n / count));
      return 0;
    } finally {
      channel.shutdownNow();
    }
  }
}
