package io.meshlog.gateway;

import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Gives every ADS call its own {@link StreamState} through the gRPC Context: grpc-java attaches a call's
 * Context while it delivers that call's messages, so the watcher, called from the stream's onNext, finds the
 * state of the stream it is serving. Also refuses new streams while the gateway does not accept them (lagging
 * behind the log), takes the peer's identity from its client certificate, and reports each stream's end.
 */
final class XdsStreams {
  private XdsStreams() {}

  static final Context.Key<StreamState> KEY = Context.key("meshlog-xds-stream");

  static ServerInterceptor interceptor() {
    return interceptor(() -> true, s -> {});
  }

  static ServerInterceptor interceptor(BooleanSupplier accepting, Consumer<StreamState> onClose) {
    return interceptor(accepting, onClose, new OpenStreams());
  }

  /** @param openStreams told of every stream's start and end, so a directory change can end streams */
  static ServerInterceptor interceptor(
      BooleanSupplier accepting, Consumer<StreamState> onClose, OpenStreams openStreams) {
    return new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> plainCall, Metadata headers, ServerCallHandler<Q, R> next) {
        ServerCall<Q, R> call = new OpenStreams.GuardedCall<>(plainCall);
        if (!accepting.getAsBoolean()) {
          call.close(Status.UNAVAILABLE.withDescription("gateway is behind the log; connect to another"),
              new Metadata());
          return new ServerCall.Listener<>() {};
        }
        String identity;
        try {
          identity = PeerIdentity.of(call.getAttributes());
        } catch (IllegalArgumentException e) {
          call.close(Status.PERMISSION_DENIED.withDescription(e.getMessage()), new Metadata());
          return new ServerCall.Listener<>() {};
        }
        StreamState stream = new StreamState(identity);
        stream.closer = () -> call.close(stream.endStatus(), new Metadata());
        openStreams.opened(stream);
        Context ctx = Context.current().withValue(KEY, stream);
        ServerCall.Listener<Q> delegate = Contexts.interceptCall(ctx, call, headers, next);
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
          private boolean refused;

          @Override
          public void onMessage(Q message) {
            String denied = refused ? "refused" : deniedNode(stream, message);
            if (denied != null) {
              if (!refused) {
                refused = true;
                call.close(Status.PERMISSION_DENIED.withDescription(denied), new Metadata());
              }
              return;
            }
            super.onMessage(message);
          }

          @Override
          public void onComplete() {
            try {
              super.onComplete();
            } finally {
              openStreams.closed(stream);
              onClose.accept(stream);
            }
          }

          @Override
          public void onCancel() {
            try {
              super.onCancel();
            } finally {
              openStreams.closed(stream);
              onClose.accept(stream);
            }
          }
        };
      }
    };
  }

  /** Why this request's node id is not allowed for the stream's certificate identity, or null if it is. */
  static String deniedNode(StreamState stream, Object message) {
    if (stream.identity == null) {
      return null;
    }
    Node node = null;
    if (message instanceof DiscoveryRequest r && r.hasNode()) {
      node = r.getNode();
    } else if (message instanceof DeltaDiscoveryRequest r && r.hasNode()) {
      node = r.getNode();
    }
    if (node == null || PeerIdentity.allows(stream.identity, node.getId())) {
      return null;
    }
    return "node id '" + node.getId() + "' is not allowed for identity " + stream.identity
        + " (must be the SPIFFE id, <sa>.<ns>, start with <sa>.<ns>., or be a router id"
        + " router~<ip>~<pod>.<ns>~<ns>.svc.<domain> of the certificate's namespace)";
  }

  /** The current stream's state; a fresh one outside an intercepted call (then nothing is remembered). */
  static StreamState current() {
    StreamState s = KEY.get();
    return s != null ? s : new StreamState();
  }
}
