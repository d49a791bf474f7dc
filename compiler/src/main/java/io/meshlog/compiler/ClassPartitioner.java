package io.meshlog.compiler;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Sends every resource of a proxy class (and its tombstones) to one partition, so a gateway reads each batch in
 * order. Keys are {@code proxyClass|typeUrl|name}.
 */
final class ClassPartitioner implements StreamPartitioner<String, byte[]> {
  @Override
  public Optional<Set<Integer>> partitions(String topic, String key, byte[] value, int numPartitions) {
    String proxyClass = key.substring(0, key.indexOf('|'));
    int p = Utils.toPositive(Utils.murmur2(proxyClass.getBytes(StandardCharsets.UTF_8))) % numPartitions;
    return Optional.of(Set.of(p));
  }
}
