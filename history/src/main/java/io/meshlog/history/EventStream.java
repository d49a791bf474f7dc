package io.meshlog.history;

/** The two event topics: together they are the whole history of the mesh. */
public enum EventStream {
  CONFIG,
  WORKLOAD
}
