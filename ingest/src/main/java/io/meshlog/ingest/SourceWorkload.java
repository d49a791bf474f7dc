package io.meshlog.ingest;

import io.meshlog.events.Workload;

/**
 * A workload as a registry holds it now (a pod's endpoint, a registered VM, a WorkloadEntry in a file).
 *
 * @param workload the Avro shape, with maps already sorted
 */
public record SourceWorkload(String apiVersion, String kind, String namespace, String name, Workload workload,
    String appliedBy) {}
