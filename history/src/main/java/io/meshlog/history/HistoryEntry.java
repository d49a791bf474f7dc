package io.meshlog.history;

import java.util.List;

/**
 * One change of {@code meshlog history}.
 *
 * @param number its position in the merged log, from 1 (what {@code @N} names)
 * @param after the log point just after it (what {@code offset:c,w} names)
 * @param operation CREATE (the object did not exist), UPDATE or DELETE
 * @param changes field-level diff against the previous version of the same object (none: an empty object)
 */
public record HistoryEntry(int number, LogPoint after, LogEvent event, String operation, List<FieldChange> changes) {
  public HistoryEntry {
    changes = List.copyOf(changes);
  }
}
