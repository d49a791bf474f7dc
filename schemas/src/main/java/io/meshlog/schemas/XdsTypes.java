package io.meshlog.schemas;

import java.util.List;

/** The xDS type URLs meshlog compiles and serves, in the order a proxy should receive them. */
public final class XdsTypes {
  private XdsTypes() {}

  public static final String CLUSTER = "type.googleapis.com/envoy.config.cluster.v3.Cluster";
  public static final String ENDPOINT = "type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment";
  public static final String LISTENER = "type.googleapis.com/envoy.config.listener.v3.Listener";
  public static final String ROUTE = "type.googleapis.com/envoy.config.route.v3.RouteConfiguration";

  /** Make before break: clusters and endpoints before the routes and listeners that refer to them. */
  public static final List<String> ORDER = List.of(CLUSTER, ENDPOINT, LISTENER, ROUTE);
}
