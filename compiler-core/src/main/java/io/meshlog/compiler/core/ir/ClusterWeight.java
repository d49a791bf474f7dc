package io.meshlog.compiler.core.ir;

/** A route target: a cluster and its share of the traffic. */
public record ClusterWeight(String cluster, int weight) {}
