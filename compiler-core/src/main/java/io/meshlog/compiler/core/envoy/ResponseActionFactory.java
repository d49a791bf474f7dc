package io.meshlog.compiler.core.envoy;

import com.google.protobuf.ByteString;
import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.config.route.v3.DirectResponseAction;
import io.envoyproxy.envoy.config.route.v3.RedirectAction;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.FaultAbort;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.HTTPFault;
import io.meshlog.mesh.DirectResponse;
import io.meshlog.mesh.Redirect;
import io.meshlog.mesh.RoutePolicy;
import java.util.Base64;

/**
 * Routes that answer by themselves. Envoy: a redirect or direct-response action. gRPC NACKs a route
 * configuration holding either ("unknown action type"), so its route forwards to the default cluster and the
 * fault filter aborts every call with the status; grpc-java maps an HTTP status to a gRPC code as it does for
 * responses without grpc-status (503 → UNAVAILABLE, 404 → UNIMPLEMENTED, 3xx → UNKNOWN).
 */
final class ResponseActionFactory {
  private ResponseActionFactory() {}

  static void sidecar(RoutePolicy policy, Route.Builder route) {
    if (policy.redirect() != null) {
      route.setRedirect(redirect(policy.redirect()));
    } else {
      route.setDirectResponse(direct(policy.directResponse()));
    }
  }

  /** The abort standing in for the answer on the gRPC class. */
  static HTTPFault grpcAbort(RoutePolicy policy) {
    int status = policy.redirect() != null ? policy.redirect().code() : policy.directResponse().status();
    return HTTPFault.newBuilder()
        .setAbort(FaultAbort.newBuilder().setHttpStatus(status).setPercentage(FaultFactory.percent(100)))
        .build();
  }

  private static RedirectAction redirect(Redirect r) {
    RedirectAction.Builder b = RedirectAction.newBuilder().setResponseCode(code(r.code()));
    if (!r.uri().isEmpty()) {
      b.setPathRedirect(r.uri());
    }
    if (!r.authority().isEmpty()) {
      b.setHostRedirect(r.authority());
    }
    if (r.port() != 0) {
      b.setPortRedirect(r.port());
    }
    if (!r.scheme().isEmpty()) {
      b.setSchemeRedirect(r.scheme());
    }
    return b.build();
  }

  private static RedirectAction.RedirectResponseCode code(int code) {
    return switch (code) {
      case 302 -> RedirectAction.RedirectResponseCode.FOUND;
      case 303 -> RedirectAction.RedirectResponseCode.SEE_OTHER;
      case 307 -> RedirectAction.RedirectResponseCode.TEMPORARY_REDIRECT;
      case 308 -> RedirectAction.RedirectResponseCode.PERMANENT_REDIRECT;
      default -> RedirectAction.RedirectResponseCode.MOVED_PERMANENTLY;
    };
  }

  private static DirectResponseAction direct(DirectResponse d) {
    DirectResponseAction.Builder b = DirectResponseAction.newBuilder().setStatus(d.status());
    if (d.bodyBase64() != null) {
      b.setBody(DataSource.newBuilder().setInlineBytes(ByteString.copyFrom(Base64.getDecoder().decode(d.bodyBase64()))));
    } else if (d.body() != null) {
      b.setBody(DataSource.newBuilder().setInlineString(d.body()));
    }
    return b.build();
  }
}
