package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlog.mesh.Delegate;
import java.util.Set;

/**
 * An HTTP route's {@code delegate: {name, namespace}}. As in Istio, such a route does not answer by itself: it
 * has no destinations, redirect or direct response; its match narrows the delegate's routes and its policy
 * fields are defaults for them.
 */
final class DelegateConverter {
  private static final Set<String> FIELDS = Set.of("name", "namespace");

  private DelegateConverter() {}

  /** Null when the route does not delegate. */
  static Delegate convert(JsonNode route, String path, String namespace, Errors errors) {
    JsonNode node = route.path("delegate");
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    String at = path + ".delegate";
    Fields.onlySupported(node, at, errors, FIELDS);
    String name = node.path("name").asText("");
    if (name.isEmpty()) {
      errors.add(at + ".name", "required");
    } else if (!Names.isDnsSubdomain(name)) {
      errors.add(at + ".name", "invalid name \"" + name + "\": must be a DNS subdomain");
    }
    String ns = node.path("namespace").asText("");
    if (!ns.isEmpty() && !Names.isDnsLabel(ns)) {
      errors.add(at + ".namespace", "invalid namespace \"" + ns + "\": must be a DNS label");
    }
    for (String f : new String[] {"route", "redirect", "directResponse"}) {
      JsonNode v = route.path(f);
      if (!v.isMissingNode() && !v.isNull() && !(v.isArray() && v.isEmpty())) {
        errors.add(path + "." + f, "cannot be set together with delegate (the delegate's routes answer)");
      }
    }
    return new Delegate(name, ns.isEmpty() ? namespace : ns);
  }
}
