package io.meshlog.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code meshlog gateway} in a JVM of its own ({@code io.meshlog.app.Main gateway ... --plaintext}), so its heap
 * holds only the gateway. Same java binary; classpath {@code bench.gateway.classpath} or this JVM's own (which
 * holds the app and its dependencies); heap {@code -Xmx} from {@code bench.gateway.xmx} (default 1g); G1, the
 * JVM's default on a server-class machine; extra JVM options from {@code bench.gateway.jvmArgs} (split on
 * spaces), e.g. {@code -XX:StartFlightRecording=filename=/tmp/gw.jfr} to profile the gateway alone. Output goes
 * to {@code <dir>/<id>.log}.
 */
final class GatewayProcess implements AutoCloseable {
  static final String XMX = System.getProperty("bench.gateway.xmx", "1g");
  static final String GC = "-XX:+UseG1GC";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final long startedNanos;
  private final int xdsPort;
  private final int adminPort;
  private final Path log;
  private long readyNanos;

  /** Starts the process; call {@link #awaitReady} next. */
  GatewayProcess(Path dir, String bootstrapServers, String topicPrefix, String id) throws IOException {
    xdsPort = freePort();
    adminPort = freePort();
    Files.createDirectories(dir);
    log = dir.resolve(id + ".log");
    List<String> cmd = new ArrayList<>(List.of(javaBin("java"), "-Xmx" + XMX, GC, "-XX:+ExitOnOutOfMemoryError"));
    for (String arg : System.getProperty("bench.gateway.jvmArgs", "").split(" ")) {
      if (!arg.isBlank()) {
        cmd.add(arg);
      }
    }
    cmd.addAll(List.of("-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.meshlog",
        "-cp", System.getProperty("bench.gateway.classpath", System.getProperty("java.class.path")),
        "io.meshlog.app.Main", "gateway", "--bootstrap-servers", bootstrapServers, "--topic-prefix", topicPrefix,
        "--plaintext", "--host", Pipeline.HOST, "--port", Integer.toString(xdsPort),
        "--admin-port", Integer.toString(adminPort), "--id", id));
    startedNanos = System.nanoTime();
    process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Polls /ready until 200; returns ms from process start. */
  double awaitReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("gateway exited with " + process.exitValue() + ", see " + log);
      }
      try {
        if (get("/ready").statusCode() == 200) {
          readyNanos = System.nanoTime();
          return (readyNanos - startedNanos) / 1e6;
        }
      } catch (IOException notYetBound) {
        // the admin server binds early in start(); the JVM is still loading until then
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("gateway not ready after " + timeout + ", see " + log);
  }

  String xdsAddress() {
    return Pipeline.HOST + ":" + xdsPort;
  }

  long pid() {
    return process.pid();
  }

  /**
   * Heap used right after a full GC: {@code jcmd PID GC.run} (G1 runs a full collection for System.gc()), then
   * the sum of {@code jvm_memory_used_bytes{area="heap"}} over the pools on /metrics.
   */
  long heapAfterGc() throws Exception {
    Process jcmd = new ProcessBuilder(javaBin("jcmd"), Long.toString(pid()), "GC.run")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
      throw new IllegalStateException("jcmd GC.run failed for gateway pid " + pid());
    }
    return (long) metricSum("jvm_memory_used_bytes{", "area=\"heap\"");
  }

  /** Sum of the samples of a metric whose labels contain {@code labelFilter}. */
  double metricSum(String prefix, String labelFilter) throws Exception {
    double sum = 0;
    for (String line : get("/metrics").body().split("\n")) {
      if (line.startsWith(prefix) && line.contains(labelFilter)) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  boolean alive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + Pipeline.HOST + ":" + adminPort + path))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String javaBin(String tool) {
    Path bin = Path.of(System.getProperty("java.home"), "bin", tool);
    return Files.isExecutable(bin) ? bin.toString() : tool;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
