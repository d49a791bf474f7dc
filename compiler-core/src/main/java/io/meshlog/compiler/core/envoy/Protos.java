package io.meshlog.compiler.core.envoy;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import io.meshlog.compiler.core.CompiledResource;
import io.meshlog.compiler.core.ResourceKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic protobuf bytes and content versions: the same message always yields the same bytes. */
public final class Protos {
  private static final String TYPE_URL_PREFIX = "type.googleapis.com/";

  private Protos() {}

  /** Map entries in key order; plain {@code toByteArray()} promises no stable order. */
  public static byte[] deterministicBytes(Message message) {
    byte[] out = new byte[message.getSerializedSize()];
    CodedOutputStream stream = CodedOutputStream.newInstance(out);
    stream.useDeterministicSerialization();
    try {
      message.writeTo(stream);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to an array of the exact size cannot fail
    }
    stream.checkNoSpaceLeft();
    return out;
  }

  /** Like {@link Any#pack} but with deterministic bytes inside. */
  public static Any pack(Message message) {
    return Any.newBuilder()
        .setTypeUrl(TYPE_URL_PREFIX + message.getDescriptorForType().getFullName())
        .setValue(ByteString.copyFrom(deterministicBytes(message)))
        .build();
  }

  /** First 16 hex digits of the SHA-256 of the bytes. */
  public static String version(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  public static CompiledResource compile(ResourceKey key, Message message) {
    byte[] bytes = deterministicBytes(message);
    return new CompiledResource(key, bytes, version(bytes));
  }
}
