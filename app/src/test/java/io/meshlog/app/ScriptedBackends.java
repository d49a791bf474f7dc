package io.meshlog.app;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real local gRPC servers for behaviour tests: each answers Echo.Who with its name, after sleeping when the
 * request says {@code sleep:<ms>}, and fails as its {@link Mode} says, so a test can see what the client did.
 */
final class ScriptedBackends implements AutoCloseable {
  /** SLOW answers every call after {@link #SLOW_MILLIS}. */
  enum Mode { HEALTHY, FAIL_ODD_CALLS, ALWAYS_UNAVAILABLE, SLOW }

  static final long SLOW_MILLIS = 300;

  private final List<Server> servers = new ArrayList<>();
  private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final Map<String, Server> byName = new ConcurrentHashMap<>();
  private final Map<String, Mode> modes = new ConcurrentHashMap<>();
  private final Map<String, Integer> ports = new ConcurrentHashMap<>();

  int start(String name, Mode mode) throws IOException {
    return start(name, mode, 0);
  }

  /** Stops the named backend: its port refuses connections until {@link #restart}. */
  void stop(String name) throws InterruptedException {
    Server s = byName.get(name);
    s.shutdownNow();
    s.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
  }

  /** Starts the named backend again on the port it had. */
  void restart(String name) throws IOException {
    start(name, modes.get(name), ports.get(name));
  }

  private int start(String name, Mode mode, int port) throws IOException {
    modes.put(name, mode);
    AtomicInteger calls = new AtomicInteger();
    AtomicInteger running = inFlight.computeIfAbsent(name, n -> new AtomicInteger());
    ServerServiceDefinition service = ServerServiceDefinition.builder("meshlog.demo.Echo")
        .addMethod(Echo.WHO, ServerCalls.asyncUnaryCall((request, response) -> {
          running.incrementAndGet();
          try {
            if (request.startsWith("sleep:")) {
              Thread.sleep(Long.parseLong(request.substring("sleep:".length())));
            } else if (mode == Mode.SLOW) {
              Thread.sleep(SLOW_MILLIS);
            }
            int n = calls.incrementAndGet();
            boolean fail = mode == Mode.ALWAYS_UNAVAILABLE || (mode == Mode.FAIL_ODD_CALLS && n % 2 == 1);
            if (fail) {
              response.onError(Status.UNAVAILABLE.withDescription(name + " failed call " + n).asRuntimeException());
            } else {
              response.onNext(name);
              response.onCompleted();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.onError(Status.CANCELLED.asRuntimeException());
          } finally {
            running.decrementAndGet();
          }
        }))
        .build();
    Server s = Grpc.newServerBuilderForPort(port, InsecureServerCredentials.create()).addService(service).build().start();
    servers.add(s);
    byName.put(name, s);
    ports.put(name, s.getPort());
    return s.getPort();
  }

  /** Calls the named backend is handling right now. */
  int inFlight(String name) {
    return inFlight.get(name).get();
  }

  @Override
  public void close() {
    servers.forEach(Server::shutdownNow);
  }
}
