package io.meshlog.gateway;

import io.grpc.ChannelCredentials;
import io.grpc.TlsChannelCredentials;
import io.grpc.xds.XdsCredentialsProvider;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Bootstrap {@code channel_creds} type "tls" with the gRFC A65 config ({@code certificate_file},
 * {@code private_key_file}, {@code ca_certificate_file}). grpc-xds 1.85.1's own "tls" provider ignores that
 * config (system trust roots, no client certificate), so a proxyless client needs a provider like this one to
 * do mutual TLS to the gateway. Found through ServiceLoader ({@code META-INF/services}); with a higher
 * priority it replaces the built-in one.
 */
public final class PemFilesXdsCredentials extends XdsCredentialsProvider {

  @Override
  protected ChannelCredentials newChannelCredentials(Map<String, ?> config) {
    if (config == null || !config.containsKey("certificate_file")) {
      return TlsChannelCredentials.create();
    }
    try {
      return TlsChannelCredentials.newBuilder()
          .keyManager(file(config, "certificate_file"), file(config, "private_key_file"))
          .trustManager(file(config, "ca_certificate_file"))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static File file(Map<String, ?> config, String key) {
    Object v = config.get(key);
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException("tls channel_creds config needs " + key);
    }
    return new File(s);
  }

  @Override
  protected String getName() {
    return "tls";
  }

  @Override
  public boolean isAvailable() {
    return true;
  }

  @Override
  public int priority() {
    return 10; // above grpc-xds's built-in "tls" (5)
  }
}
