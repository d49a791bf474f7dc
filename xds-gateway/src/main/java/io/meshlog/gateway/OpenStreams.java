package io.meshlog.gateway;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open ADS streams, so that a change of the Sidecar directory can end the streams whose node now belongs
 * to another class: the proxy reconnects (grpc-java and Envoy keep their config meanwhile) and its new stream
 * resolves the new class and is sent that class's state. Ending rather than switching a stream in place keeps
 * the watcher's per-stream state (what was sent, for which class) simple and true.
 */
final class OpenStreams {
  private static final Logger log = LoggerFactory.getLogger(OpenStreams.class);

  private final Set<StreamState> open = ConcurrentHashMap.newKeySet();

  void opened(StreamState stream) {
    open.add(stream);
  }

  void closed(StreamState stream) {
    open.remove(stream);
  }

  int size() {
    return open.size();
  }

  /** Ends every stream whose node resolves to another class under {@code directory}. */
  void reclassify(ScopeDirectory directory) {
    for (StreamState s : open) {
      String was = s.resolvedClass();
      if (was == null) {
        continue; // no request yet: it will resolve against the new directory
      }
      String now = s.classUnder(directory);
      if (!now.equals(was)) {
        log.info("ending stream id={} node={}: class {} -> {}", s.id, s.nodeId, was, now);
        s.end(Status.UNAVAILABLE.withDescription("proxy class changed from " + was + " to " + now + "; reconnect"));
      }
    }
  }

  /**
   * A call that the gateway may close from another thread (a directory change) while java-control-plane sends
   * on it: sends after that close are dropped instead of failing the sender, and close happens once.
   */
  static final class GuardedCall<Q, R> extends io.grpc.ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
    private boolean closed;

    GuardedCall(ServerCall<Q, R> call) {
      super(call);
    }

    @Override
    public synchronized void sendHeaders(Metadata headers) {
      if (!closed) {
        super.sendHeaders(headers);
      }
    }

    @Override
    public synchronized void sendMessage(R message) {
      if (!closed) {
        super.sendMessage(message);
      }
    }

    @Override
    public synchronized void close(Status status, Metadata trailers) {
      if (!closed) {
        closed = true;
        super.close(status, trailers);
      }
    }
  }
}
