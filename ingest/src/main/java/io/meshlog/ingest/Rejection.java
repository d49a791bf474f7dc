package io.meshlog.ingest;

/**
 * An object a registry offered that ingest cannot accept. While it is rejected, the log keeps the object's last
 * accepted state: a broken object never deletes or changes what was there.
 *
 * @param kind the object's kind, or {@code File} for a file that fails to parse (name: its path)
 * @param source where it came from, for the operator: a file, a cluster, a VM registration
 */
public record Rejection(String kind, String namespace, String name, String reason, String source) {}
