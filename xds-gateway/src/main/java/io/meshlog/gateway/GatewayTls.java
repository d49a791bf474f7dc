package io.meshlog.gateway;

import java.nio.file.Path;
import java.util.Objects;

/**
 * PEM files for serving xDS over mutual TLS: the gateway's certificate chain and key, and the CA bundle that
 * proxies' client certificates must chain to (client auth is required).
 */
public record GatewayTls(Path certChain, Path privateKey, Path clientCa) {
  public GatewayTls {
    Objects.requireNonNull(certChain, "certChain");
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(clientCa, "clientCa");
  }
}
