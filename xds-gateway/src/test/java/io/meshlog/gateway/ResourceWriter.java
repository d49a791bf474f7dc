package io.meshlog.gateway;

import com.google.protobuf.Message;
import io.meshlog.events.XdsResource;
import io.meshlog.schemas.Keys;
import io.meshlog.schemas.Serdes;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes resource records to the topic like the compiler: one class per partition, batches in order. */
final class ResourceWriter implements AutoCloseable {
  /** One resource of a batch: null resource = removal. */
  record Item(String typeUrl, String name, Message resource) {}

  private static final AtomicInteger BATCHES = new AtomicInteger();

  private final String topic;
  private final KafkaProducer<String, XdsResource> producer;

  ResourceWriter(String bootstrapServers, String topic) {
    this.topic = topic;
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    this.producer = new KafkaProducer<>(p, new StringSerializer(), Serdes.XDS_RESOURCE.serializer());
  }

  static Item item(String typeUrl, String name, Message resource) {
    return new Item(typeUrl, name, resource);
  }

  /** Writes all items as one batch of {@code proxyClass}; returns the records written. */
  List<XdsResource> batch(String proxyClass, List<Item> items) {
    String id = "test-batch-" + BATCHES.incrementAndGet();
    List<XdsResource> records = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Item it = items.get(i);
      records.add(it.resource() == null
          ? TestRecords.removal(proxyClass, it.typeUrl(), it.name(), id, i, items.size())
          : TestRecords.upsert(proxyClass, it.typeUrl(), it.name(), it.resource(), id, i, items.size()));
    }
    write(records);
    return records;
  }

  /** Writes records as they are (tests use this for partial batches), waiting for the acks. */
  void write(List<XdsResource> records) {
    try {
      for (XdsResource r : records) {
        String key = Keys.resource(r.getProxyClass(), r.getTypeUrl(), r.getName());
        producer.send(new ProducerRecord<>(topic, 0, key, r)).get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A tombstone, as the compiler writes after a removal; gateways must ignore it. */
  void tombstone(String proxyClass, String typeUrl, String name) {
    try {
      producer.send(new ProducerRecord<>(topic, 0, Keys.resource(proxyClass, typeUrl, name), null)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
