package io.meshlog.mesh.analysis;

import java.util.List;

/** One analysis rule over the whole mesh; pure, so the same mesh always yields the same findings. */
interface Check {
  void run(MeshView mesh, List<Finding> out);
}
