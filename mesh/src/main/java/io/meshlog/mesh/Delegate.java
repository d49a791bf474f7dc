package io.meshlog.mesh;

/**
 * A root VirtualService route handing its traffic to another VirtualService (one without hosts), whose HTTP
 * routes are merged in at this position.
 *
 * @param namespace the delegate's namespace; the root's own when the YAML leaves it out
 */
public record Delegate(String name, String namespace) {
  /** How mesh object keys name the delegate VirtualService. */
  public String key() {
    return "VirtualService/" + namespace + "/" + name;
  }
}
