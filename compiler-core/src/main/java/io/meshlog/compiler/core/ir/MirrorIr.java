package io.meshlog.compiler.core.ir;

/** A mirror target: the cluster copies go to and the share of requests copied (0..100). */
public record MirrorIr(String cluster, double percent) {}
