package io.meshlog.gateway;

/** Hears of each ADS stream's node once, when its first request arrives. */
@FunctionalInterface
public interface ProxyListener {
  ProxyListener NONE = (nodeId, proxyClass) -> {};

  void connected(String nodeId, String proxyClass);
}
