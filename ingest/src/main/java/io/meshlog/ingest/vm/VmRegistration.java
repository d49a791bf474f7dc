package io.meshlog.ingest.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a VM says about itself when it registers (as Istio's WorkloadEntry auto-registration): identity,
 * address, labels a ServiceEntry or Service selects it by, its ports by name, and where it runs.
 */
public record VmRegistration(String namespace, String name, String address, Map<String, String> labels,
    Map<String, Integer> ports, String serviceAccount, String network, String locality, int weight) {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

  public VmRegistration {
    namespace = namespace == null || namespace.isEmpty() ? "default" : namespace;
    labels = labels == null ? Map.of() : new TreeMap<>(labels);
    ports = ports == null ? Map.of() : new TreeMap<>(ports);
    serviceAccount = serviceAccount == null ? "" : serviceAccount;
    network = network == null ? "" : network;
    locality = locality == null ? "" : locality;
  }

  /** Every problem, each naming the field; empty when the registration is acceptable. */
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    if (name == null || !DNS_NAME.matcher(name).matches()) {
      out.add("name: must be a DNS name (lower case letters, digits, '-', '.')");
    }
    if (!DNS_LABEL.matcher(namespace).matches()) {
      out.add("namespace: must be a DNS label");
    }
    if (address == null || address.isBlank()) {
      out.add("address: required");
    }
    ports.forEach((portName, number) -> {
      if (number == null || number < 1 || number > 65535) {
        out.add("ports." + portName + ": must be a port number 1..65535");
      }
    });
    if (weight < 0) {
      out.add("weight: must be 0 or more");
    }
    return out;
  }
}
