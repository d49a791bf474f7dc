package io.meshlog.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshlog.mesh.analysis.Finding;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Prints analyzer findings as kubectl/istioctl-like lines or as JSON. */
final class FindingReport {
  private FindingReport() {}

  /** {@code Error [MLA0001] (VirtualService demo/echo) spec.http[0]...: message} and an indented fix line. */
  static String line(Finding f) {
    String severity = f.severity().name().charAt(0) + f.severity().name().substring(1).toLowerCase(Locale.ROOT);
    return severity + " [" + f.code() + "] (" + f.object() + ") " + (f.field().isEmpty() ? "" : f.field() + ": ")
        + f.message() + "\n    fix: " + f.hint();
  }

  static void text(List<Finding> findings, PrintWriter out) {
    findings.forEach(f -> out.println(line(f)));
    long errors = findings.stream().filter(Finding::isError).count();
    if (findings.isEmpty()) {
      out.println("No issues found.");
    } else {
      out.println(errors + " error(s), " + (findings.size() - errors) + " warning(s)");
    }
  }

  static void json(List<Finding> findings, PrintWriter out) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    ArrayNode list = root.putArray("findings");
    for (Finding f : findings) {
      list.addObject().put("code", f.code()).put("severity", f.severity().name()).put("object", f.object())
          .put("field", f.field()).put("message", f.message()).put("hint", f.hint());
    }
    long errors = findings.stream().filter(Finding::isError).count();
    root.put("errors", errors).put("warnings", findings.size() - errors);
    out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
  }
}
