package io.meshlog.compiler.core.ir;

import java.util.Comparator;

/**
 * One resolved endpoint of a cluster.
 *
 * @param locality {@code region/zone/subzone}, empty when unknown
 * @param weight at least 1
 */
public record EndpointIr(String address, int port, String locality, int weight) implements Comparable<EndpointIr> {
  // Address and port identify an endpoint (several share 127.0.0.1); the rest only breaks ties.
  private static final Comparator<EndpointIr> ORDER =
      Comparator.comparing(EndpointIr::address)
          .thenComparingInt(EndpointIr::port)
          .thenComparing(EndpointIr::locality)
          .thenComparingInt(EndpointIr::weight);

  @Override
  public int compareTo(EndpointIr o) {
    return ORDER.compare(this, o);
  }
}
