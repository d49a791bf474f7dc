package io.meshlog.gateway;

import com.google.protobuf.Message;
import io.meshlog.events.Batch;
import io.meshlog.events.XdsResource;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/** Builds XdsResource records the way the compiler writes them (version = hash of the bytes). */
final class TestRecords {
  private TestRecords() {}

  static XdsResource upsert(String proxyClass, String typeUrl, String name, Message resource,
      String batchId, int index, int size) {
    byte[] bytes = resource.toByteArray();
    return base(proxyClass, typeUrl, name, batchId, index, size)
        .setVersion(hash(bytes))
        .setResource(ByteBuffer.wrap(bytes))
        .build();
  }

  static XdsResource removal(String proxyClass, String typeUrl, String name,
      String batchId, int index, int size) {
    return base(proxyClass, typeUrl, name, batchId, index, size).setVersion("").setResource(null).build();
  }

  private static XdsResource.Builder base(String proxyClass, String typeUrl, String name,
      String batchId, int index, int size) {
    return XdsResource.newBuilder()
        .setProxyClass(proxyClass)
        .setTypeUrl(typeUrl)
        .setName(name)
        .setBatch(new Batch(batchId, index, size))
        .setSourceOffsets(Map.of())
        .setEventTime(Instant.now())
        .setCompilerVersion("test");
  }

  static String hash(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
