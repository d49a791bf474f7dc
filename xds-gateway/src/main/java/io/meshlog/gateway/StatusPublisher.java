package io.meshlog.gateway;

import io.meshlog.events.GatewayState;
import io.meshlog.events.GatewayStatus;
import io.meshlog.schemas.Serdes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes this gateway's state to the compacted status topic, keyed by gateway id. */
final class StatusPublisher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StatusPublisher.class);

  private final GatewayConfig config;
  private final KafkaProducer<String, GatewayStatus> producer;

  StatusPublisher(GatewayConfig config) {
    this.config = config;
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "meshlog-status-" + config.gatewayId());
    props.putAll(config.producerProperties());
    this.producer = new KafkaProducer<>(props, new StringSerializer(), Serdes.GATEWAY_STATUS.serializer());
  }

  /** Waits for the broker's ack so READY is on the log before proxies are told about this gateway. */
  void publish(GatewayState state, String xdsAddress, Map<String, Long> endOffsetsAtStart,
      Map<String, Long> appliedOffsets, int connectedStreams) {
    publish(state, xdsAddress, null, endOffsetsAtStart, appliedOffsets, connectedStreams);
  }

  void publish(GatewayState state, String xdsAddress, String adminAddress, Map<String, Long> endOffsetsAtStart,
      Map<String, Long> appliedOffsets, int connectedStreams) {
    GatewayStatus status = GatewayStatus.newBuilder()
        .setGatewayId(config.gatewayId())
        .setXdsAddress(xdsAddress)
        .setState(state)
        .setEndOffsetsAtStart(endOffsetsAtStart)
        .setAppliedOffsets(appliedOffsets)
        .setConnectedStreams(connectedStreams)
        .setTime(Instant.now())
        .setAdminAddress(adminAddress)
        .build();
    try {
      producer.send(new ProducerRecord<>(config.topics().gatewayStatus(), config.gatewayId(), status))
          .get(30, TimeUnit.SECONDS);
      log.info("gateway status gatewayId={} state={} xdsAddress={} streams={}",
          config.gatewayId(), state, xdsAddress, connectedStreams);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted publishing gateway status", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot publish gateway status " + state, e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
