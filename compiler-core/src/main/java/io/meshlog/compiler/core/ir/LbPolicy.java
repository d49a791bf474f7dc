package io.meshlog.compiler.core.ir;

/** Load-balancing policy of a cluster, after subset-over-top-level resolution. */
public enum LbPolicy { ROUND_ROBIN, LEAST_REQUEST, RANDOM, PASSTHROUGH, RING_HASH, MAGLEV }
