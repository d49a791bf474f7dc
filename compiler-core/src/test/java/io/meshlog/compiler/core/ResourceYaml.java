package io.meshlog.compiler.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.filters.http.cors.v3.Cors;
import io.envoyproxy.envoy.extensions.filters.http.cors.v3.CorsPolicy;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.HTTPFault;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.meshlog.schemas.XdsTypes;
import java.io.IOException;
import java.util.Collection;

/** Compiled resources as readable YAML for golden files: protobuf JSON (Any expanded), field order kept. */
final class ResourceYaml {
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer()
      .usingTypeRegistry(JsonFormat.TypeRegistry.newBuilder()
          .add(HttpConnectionManager.getDescriptor())
          .add(Router.getDescriptor())
          .add(io.envoyproxy.envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy.getDescriptor())
          .add(io.envoyproxy.envoy.extensions.filters.network.sni_cluster.v3.SniCluster.getDescriptor())
          .add(io.envoyproxy.envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector.getDescriptor())
          .add(HTTPFault.getDescriptor())
          .add(Cors.getDescriptor())
          .add(CorsPolicy.getDescriptor())
          .add(io.envoyproxy.envoy.extensions.clusters.aggregate.v3.ClusterConfig.getDescriptor())
          .add(io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext.getDescriptor())
          .add(io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions.getDescriptor())
          .add(io.envoyproxy.envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate.getDescriptor())
          .add(io.envoyproxy.envoy.extensions.retry.priority.previous_priorities.v3.PreviousPrioritiesConfig
              .getDescriptor())
          .add(io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext.getDescriptor())
          .add(io.envoyproxy.envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector.getDescriptor())
          .build());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

  private ResourceYaml() {}

  static String render(Collection<CompiledResource> resources) throws IOException {
    ArrayNode list = JSON.createArrayNode();
    for (CompiledResource r : resources) {
      ObjectNode entry = list.addObject();
      entry.put("proxyClass", r.key().proxyClass());
      entry.put("type", r.key().typeUrl().substring(r.key().typeUrl().lastIndexOf('.') + 1));
      entry.put("name", r.key().name());
      entry.put("version", r.version());
      entry.set("resource", JSON.readTree(PRINTER.print(parse(r))));
    }
    return YAML.writeValueAsString(list);
  }

  static Message parse(CompiledResource r) throws InvalidProtocolBufferException {
    byte[] bytes = r.bytes();
    return switch (r.key().typeUrl()) {
      case XdsTypes.CLUSTER -> Cluster.parseFrom(bytes);
      case XdsTypes.ENDPOINT -> ClusterLoadAssignment.parseFrom(bytes);
      case XdsTypes.LISTENER -> Listener.parseFrom(bytes);
      case XdsTypes.ROUTE -> RouteConfiguration.parseFrom(bytes);
      case io.meshlog.schemas.ProxyClasses.SCOPE_TYPE -> com.google.protobuf.Struct.parseFrom(bytes);
      default -> throw new IllegalArgumentException("unknown type " + r.key().typeUrl());
    };
  }
}
