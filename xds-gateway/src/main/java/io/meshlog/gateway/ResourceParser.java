package io.meshlog.gateway;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.meshlog.schemas.XdsTypes;
import java.nio.ByteBuffer;
import java.util.Map;

/** Parses a resource's bytes (its own proto type, not Any) by type URL. */
final class ResourceParser {
  private ResourceParser() {}

  private static final Map<String, Parser<? extends Message>> PARSERS = Map.of(
      XdsTypes.CLUSTER, Cluster.parser(),
      XdsTypes.ENDPOINT, ClusterLoadAssignment.parser(),
      XdsTypes.LISTENER, Listener.parser(),
      XdsTypes.ROUTE, RouteConfiguration.parser());

  static boolean supports(String typeUrl) {
    return PARSERS.containsKey(typeUrl);
  }

  static Message parse(String typeUrl, ByteBuffer bytes) throws InvalidProtocolBufferException {
    Parser<? extends Message> parser = PARSERS.get(typeUrl);
    if (parser == null) {
      throw new InvalidProtocolBufferException("unsupported type URL " + typeUrl);
    }
    return parser.parseFrom(bytes.duplicate());
  }
}
