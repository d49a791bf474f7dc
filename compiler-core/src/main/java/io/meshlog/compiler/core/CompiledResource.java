package io.meshlog.compiler.core;

/**
 * One compiled resource.
 *
 * @param bytes serialized protobuf of the resource's own message type (Cluster, Listener, ...), deterministic
 * @param version content hash of {@code bytes}
 */
public record CompiledResource(ResourceKey key, byte[] bytes, String version) {}
