package io.meshlog.mesh.analysis;

import io.meshlog.mesh.MeshObject;
import io.meshlog.mesh.istio.FieldError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Finds problems that each object alone cannot show: references between objects, conflicts and dead routes.
 * Pure: no I/O, output sorted by object, field and code.
 */
public final class Analyzer {
  /** Validation errors (a single object is invalid) are reported under this code. */
  public static final String INVALID = "MLA0000";

  private static final List<Check> CHECKS = List.of(
      new UndefinedSubsetCheck(), new UnknownHostCheck(), new DuplicateHostCheck(), new EmptySubsetCheck(),
      new ShadowedRouteCheck(), new PortConflictCheck(), new TcpRouteWithoutAddressCheck(),
      new GrpcL4RouteCheck(), new DelegateCheck(), new SidecarOverlapCheck(),
      new SidecarEgressCheck(), new GatewayReferenceCheck(), new GatewayHostCheck(), new GatewayPortConflictCheck(),
      new GatewayPassthroughRouteCheck(), new IgnoredNetworkCheck(),
      new GatewayClassLimitCheck(), new GatewayTcpRouteCheck(), new GatewayAutoPassthroughCheck(), new SourceLabelSetsCheck(),
      new RouterSourceMatchCheck());

  private Analyzer() {}

  public static List<Finding> analyze(Collection<? extends MeshObject> objects) {
    MeshView mesh = new MeshView(objects);
    List<Finding> out = new ArrayList<>();
    CHECKS.forEach(c -> c.run(mesh, out));
    out.sort(null);
    return List.copyOf(out);
  }

  /** A validation error as a finding, so that one report holds both. */
  public static Finding invalid(FieldError e) {
    return new Finding(INVALID, Severity.ERROR, e.object(), e.field(), e.message(),
        "fix the field; the object is rejected as written");
  }
}
