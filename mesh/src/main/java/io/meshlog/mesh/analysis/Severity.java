package io.meshlog.mesh.analysis;

/** ERROR blocks {@code meshlog apply} and makes {@code meshlog analyze} exit 1; WARNING is only reported. */
public enum Severity { ERROR, WARNING }
