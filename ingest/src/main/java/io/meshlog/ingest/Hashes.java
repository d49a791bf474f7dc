package io.meshlog.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** Content hashes that decide whether a re-applied object changed. */
final class Hashes {
  private Hashes() {}

  static String sha256(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Hash of what a registry says about a workload: apiVersion and every field, maps sorted. */
  static String ofWorkload(String apiVersion, io.meshlog.events.Workload w) {
    return sha256(apiVersion + "\n" + w.getAddress() + "\n" + new TreeMap<>(w.getPorts()) + "\n"
        + new TreeMap<>(w.getLabels()) + "\n" + w.getNetwork() + "\n" + w.getLocality() + "\n" + w.getWeight()
        + "\n" + w.getServiceAccount() + "\n" + w.getHealth());
  }

  /** Hash of what the object says: apiVersion, labels (sorted) and canonical spec. */
  static String ofObject(String apiVersion, Map<String, String> labels, String canonicalSpec) {
    return sha256(apiVersion + "\n" + new TreeMap<>(labels) + "\n" + canonicalSpec);
  }
}
