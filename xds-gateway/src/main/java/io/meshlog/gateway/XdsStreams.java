package io.meshlog.gateway;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Gives every ADS call its own {@link StreamState} through the gRPC Context: grpc-java attaches a call's
 * Context while it delivers that call's messages, so the watcher, called from the stream's onNext, finds the
 * state of the stream it is serving.
 */
final class XdsStreams {
  private XdsStreams() {}

  static final Context.Key<StreamState> KEY = Context.key("meshlog-xds-stream");

  static ServerInterceptor interceptor() {
    return new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        Context ctx = Context.current().withValue(KEY, new StreamState());
        return Contexts.interceptCall(ctx, call, headers, next);
      }
    };
  }

  /** The current stream's state; a fresh one outside an intercepted call (then nothing is remembered). */
  static StreamState current() {
    StreamState s = KEY.get();
    return s != null ? s : new StreamState();
  }
}
