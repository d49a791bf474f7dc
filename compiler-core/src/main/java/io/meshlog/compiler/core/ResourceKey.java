package io.meshlog.compiler.core;

import io.meshlog.schemas.XdsTypes;
import java.util.Comparator;

/** Identity of a compiled resource: proxy class, xDS type URL and resource name. */
public record ResourceKey(String proxyClass, String typeUrl, String name) implements Comparable<ResourceKey> {
  private static final Comparator<ResourceKey> ORDER =
      Comparator.comparing(ResourceKey::proxyClass)
          .thenComparing(k -> XdsTypes.ORDER.indexOf(k.typeUrl()))
          .thenComparing(ResourceKey::name);

  @Override
  public int compareTo(ResourceKey o) {
    return ORDER.compare(this, o);
  }
}
