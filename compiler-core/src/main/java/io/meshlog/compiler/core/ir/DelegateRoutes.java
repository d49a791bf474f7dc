package io.meshlog.compiler.core.ir;

import io.meshlog.compiler.core.index.MeshIndex;
import io.meshlog.mesh.DelegateMerge;
import io.meshlog.mesh.HttpRoute;
import io.meshlog.mesh.MeshObject;
import io.meshlog.mesh.VirtualService;
import java.util.List;
import java.util.Optional;

/**
 * The routes a delegating root route stands for. As istiod does, a delegate that does not exist, or that has
 * hosts of its own (so is not a delegate), contributes nothing, and the root route is skipped; analyze reports
 * both (MLA0011, MLA0012).
 */
final class DelegateRoutes {
  private DelegateRoutes() {}

  static List<HttpRoute> of(HttpRoute root, MeshIndex index) {
    Optional<MeshObject> target = index.get(root.delegate().key());
    if (target.isEmpty() || !(target.get() instanceof VirtualService delegate) || !delegate.delegateOnly()) {
      return List.of();
    }
    return DelegateMerge.merge(root, delegate).routes();
  }
}
