package io.meshlog.gateway;

import io.meshlog.events.ProxyConnection;
import io.meshlog.schemas.Serdes;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records each connecting node and the proxy class it is served on the compacted proxies topic, so replay can
 * turn a node id into a class. Sends without waiting: an xDS stream must never block on Kafka.
 */
final class ProxyConnectionPublisher implements ProxyListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProxyConnectionPublisher.class);

  private final GatewayConfig config;
  private final KafkaProducer<String, ProxyConnection> producer;

  ProxyConnectionPublisher(GatewayConfig config) {
    this.config = config;
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "meshlog-proxies-" + config.gatewayId());
    props.putAll(config.producerProperties());
    this.producer = new KafkaProducer<>(props, new StringSerializer(), Serdes.PROXY_CONNECTION.serializer());
  }

  @Override
  public void connected(String nodeId, String proxyClass) {
    ProxyConnection record = new ProxyConnection(nodeId, proxyClass, config.gatewayId(), Instant.now());
    producer.send(new ProducerRecord<>(config.topics().proxies(), nodeId, record), (meta, e) -> {
      if (e != null) {
        log.warn("cannot record proxy connection node={} class={}: {}", nodeId, proxyClass, e.getMessage());
      }
    });
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
