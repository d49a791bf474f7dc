package io.meshlog.gateway;

import io.meshlog.schemas.Topics;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one gateway until the JVM stops: {@code --bootstrap-servers HOST:PORT [--host H] [--port P]
 * [--topic-prefix meshlog.] [--gateway-id ID]}. The {@code meshlog} CLI uses {@link XdsGateway} directly.
 */
public final class GatewayMain {
  private GatewayMain() {}

  public static void main(String[] args) throws InterruptedException {
    GatewayConfig config = parse(args);
    XdsGateway gateway = XdsGateway.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      gateway.close();
      stopped.countDown();
    }, "meshlog-gateway-shutdown"));
    stopped.await();
  }

  static GatewayConfig parse(String[] args) {
    String bootstrap = null;
    String host = "127.0.0.1";
    int port = 0;
    String prefix = Topics.DEFAULT_PREFIX;
    String id = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--bootstrap-servers" -> bootstrap = value;
        case "--host" -> host = value;
        case "--port" -> port = Integer.parseInt(value);
        case "--topic-prefix" -> prefix = value;
        case "--gateway-id" -> id = value;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (bootstrap == null) {
      throw new IllegalArgumentException("--bootstrap-servers is required");
    }
    GatewayConfig.Builder b = GatewayConfig.builder(bootstrap)
        .host(host).port(port).topics(Topics.withPrefix(prefix));
    if (id != null) {
      b.gatewayId(id);
    }
    return b.build();
  }
}
