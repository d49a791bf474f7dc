package io.meshlog.compiler.core;

import java.util.Arrays;

/**
 * One compiled resource.
 *
 * @param bytes serialized protobuf of the resource's own message type (Cluster, Listener, ...), deterministic
 * @param version content hash of {@code bytes}
 */
public record CompiledResource(ResourceKey key, byte[] bytes, String version) {
  public CompiledResource {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  // Records compare arrays by identity; resources are equal when their content is.
  @Override
  public boolean equals(Object o) {
    return o instanceof CompiledResource r
        && key.equals(r.key)
        && version.equals(r.version)
        && Arrays.equals(bytes, r.bytes);
  }

  @Override
  public int hashCode() {
    return 31 * key.hashCode() + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "CompiledResource[" + key + ", " + bytes.length + " bytes, version " + version + "]";
  }
}
