package io.meshlog.compiler.core.envoy;

import io.envoyproxy.envoy.config.core.v3.RuntimeFractionalPercent;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.meshlog.compiler.core.ir.MirrorIr;
import java.util.List;

/** Request mirroring: one policy per mirror, in order; a share below 100 % as a fraction per million. */
final class MirrorFactory {
  private MirrorFactory() {}

  static void apply(List<MirrorIr> mirrors, RouteAction.Builder action) {
    for (MirrorIr m : mirrors) {
      RouteAction.RequestMirrorPolicy.Builder p = RouteAction.RequestMirrorPolicy.newBuilder().setCluster(m.cluster());
      if (m.percent() < 100) {
        p.setRuntimeFraction(RuntimeFractionalPercent.newBuilder().setDefaultValue(FaultFactory.percent(m.percent())));
      }
      action.addRequestMirrorPolicies(p);
    }
  }
}
