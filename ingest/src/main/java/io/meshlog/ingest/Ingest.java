package io.meshlog.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** A running ingest instance: the state view, the publisher and the HTTP apply API. */
public final class Ingest implements AutoCloseable {
  private final StateView view;
  private final Publisher publisher;
  private final Admin admin;
  private final IngestServer server;

  private Ingest(IngestConfig config) throws IOException {
    this.view = new StateView(config.bootstrapServers(), config.topics());
    this.publisher = new Publisher(config.bootstrapServers());
    this.admin = Admin.create(java.util.Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()));
    ApplyService apply = new ApplyService(config.topics(), view, publisher, admin,
        new EventFactory(config.registry(), config.cluster()), Clock.systemUTC());
    this.server = new IngestServer(config.host(), config.port(), apply, view, new ObjectMapper());
  }

  public static Ingest start(IngestConfig config) {
    try {
      return new Ingest(config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start ingest on " + config.host() + ":" + config.port(), e);
    }
  }

  /** Base URL of the HTTP API, e.g. {@code http://127.0.0.1:15080}. */
  public String url(String host) {
    return "http://" + host + ":" + server.port();
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
    view.close();
    publisher.close();
    admin.close();
  }
}
