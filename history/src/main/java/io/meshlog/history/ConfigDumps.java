package io.meshlog.history;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.admin.v3.ClustersConfigDump;
import io.envoyproxy.envoy.admin.v3.ConfigDump;
import io.envoyproxy.envoy.admin.v3.EndpointsConfigDump;
import io.envoyproxy.envoy.admin.v3.ListenersConfigDump;
import io.envoyproxy.envoy.admin.v3.RoutesConfigDump;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.meshlog.compiler.core.CompiledResource;
import io.meshlog.schemas.XdsTypes;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resources rendered as Envoy's {@code /config_dump} (admin.v3.ConfigDump as JSON, snake_case field names),
 * each with its content-hash version as {@code version_info}: the version is a hash of the bytes, so two dumps
 * are equal exactly when the resources' bytes are.
 */
public final class ConfigDumps {
  private static final List<Descriptor> BASE = List.of(
      ConfigDump.getDescriptor(),
      ClustersConfigDump.getDescriptor(),
      EndpointsConfigDump.getDescriptor(),
      ListenersConfigDump.getDescriptor(),
      RoutesConfigDump.getDescriptor(),
      Cluster.getDescriptor(),
      ClusterLoadAssignment.getDescriptor(),
      Listener.getDescriptor(),
      RouteConfiguration.getDescriptor(),
      HttpConnectionManager.getDescriptor(),
      Router.getDescriptor());
  private static final Map<String, Class<? extends Message>> MESSAGES = Map.of(
      XdsTypes.CLUSTER, Cluster.class,
      XdsTypes.ENDPOINT, ClusterLoadAssignment.class,
      XdsTypes.LISTENER, Listener.class,
      XdsTypes.ROUTE, RouteConfiguration.class);

  private ConfigDumps() {}

  /** The dump of these resources (any order in; clusters, endpoints, listeners, routes out, by name). */
  public static String json(Collection<CompiledResource> resources) {
    ClustersConfigDump.Builder clusters = ClustersConfigDump.newBuilder();
    EndpointsConfigDump.Builder endpoints = EndpointsConfigDump.newBuilder();
    ListenersConfigDump.Builder listeners = ListenersConfigDump.newBuilder();
    RoutesConfigDump.Builder routes = RoutesConfigDump.newBuilder();
    Map<String, Descriptor> extra = new TreeMap<>();
    for (CompiledResource r : resources.stream().sorted((a, b) -> a.key().compareTo(b.key())).toList()) {
      Class<? extends Message> type = MESSAGES.get(r.key().typeUrl());
      if (type != null) {
        AnyTypes.collect(AnyTypes.parse(type, r.bytes()), extra);
      }
      Any any = Any.newBuilder().setTypeUrl(r.key().typeUrl()).setValue(ByteString.copyFrom(r.bytes())).build();
      switch (r.key().typeUrl()) {
        case XdsTypes.CLUSTER -> clusters.addDynamicActiveClusters(
            ClustersConfigDump.DynamicCluster.newBuilder().setVersionInfo(r.version()).setCluster(any));
        case XdsTypes.ENDPOINT -> endpoints.addDynamicEndpointConfigs(
            EndpointsConfigDump.DynamicEndpointConfig.newBuilder().setVersionInfo(r.version()).setEndpointConfig(any));
        case XdsTypes.LISTENER -> listeners.addDynamicListeners(ListenersConfigDump.DynamicListener.newBuilder()
            .setName(r.key().name())
            .setActiveState(ListenersConfigDump.DynamicListenerState.newBuilder()
                .setVersionInfo(r.version()).setListener(any)));
        case XdsTypes.ROUTE -> routes.addDynamicRouteConfigs(
            RoutesConfigDump.DynamicRouteConfig.newBuilder().setVersionInfo(r.version()).setRouteConfig(any));
        default -> throw new IllegalArgumentException("no config dump section for type " + r.key().typeUrl());
      }
    }
    ConfigDump dump = ConfigDump.newBuilder()
        .addConfigs(Any.pack(clusters.build()))
        .addConfigs(Any.pack(endpoints.build()))
        .addConfigs(Any.pack(listeners.build()))
        .addConfigs(Any.pack(routes.build()))
        .build();
    JsonFormat.TypeRegistry.Builder types = JsonFormat.TypeRegistry.newBuilder().add(BASE);
    extra.values().forEach(types::add);
    return print(dump, JsonFormat.printer().usingTypeRegistry(types.build()).preservingProtoFieldNames());
  }

  private static String print(Message m, JsonFormat.Printer printer) {
    try {
      return printer.print(m) + "\n";
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot render config dump: " + e.getMessage(), e);
    }
  }
}
