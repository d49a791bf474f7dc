package io.meshlog.compiler.core.envoy;

import com.google.protobuf.CodedOutputStream;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.listener.v3.ListenerFilter;
import io.envoyproxy.envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A sidecar's per-port listener written from its services' already serialized TCP/TLS chains
 * ({@link TcpChainBytes}), as {@link RouteConfigurationBytes} does for virtual hosts: a change to one service
 * re-encodes its chains and copies the others'. Byte for byte what deterministic serialization of the same
 * Listener gives: fields 1 (name) and 2 (address), field 3 (filter_chains) once per chain (TCP/TLS chains,
 * then the HTTP chain last), then field 9 (listener_filters).
 */
final class SidecarListenerBytes {
  static final String TLS_INSPECTOR = "envoy.filters.listener.tls_inspector";

  private SidecarListenerBytes() {}

  /**
   * @param head the listener with name and address only
   * @param tcpChains every service's chains, sorted by host; a chain matching exactly what an earlier one
   *     matches is left out (Envoy rejects a listener with two such chains; the first host wins)
   * @param httpChain the HTTP catch-all chain
   */
  static byte[] of(Listener head, List<TcpChainBytes> tcpChains, FilterChain httpChain) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      buf.write(Protos.deterministicBytes(head));
      Set<ByteBuffer> seen = new HashSet<>();
      boolean sni = false;
      for (TcpChainBytes c : tcpChains) {
        if (seen.add(ByteBuffer.wrap(c.match()))) {
          writeField(buf, Listener.FILTER_CHAINS_FIELD_NUMBER, c.chain());
          sni |= c.needsTlsInspector();
        }
      }
      writeField(buf, Listener.FILTER_CHAINS_FIELD_NUMBER, Protos.deterministicBytes(httpChain));
      if (sni) {
        buf.write(Protos.deterministicBytes(Listener.newBuilder().addListenerFilters(ListenerFilter.newBuilder()
            .setName(TLS_INSPECTOR).setTypedConfig(Protos.pack(TlsInspector.getDefaultInstance()))).build()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory streams do not fail
    }
    return buf.toByteArray();
  }

  /** An embedded message is written as length-delimited bytes, exactly like writeByteArray. */
  private static void writeField(ByteArrayOutputStream buf, int field, byte[] message) throws IOException {
    byte[] out = new byte[CodedOutputStream.computeByteArraySize(field, message)];
    CodedOutputStream s = CodedOutputStream.newInstance(out);
    s.writeByteArray(field, message);
    s.checkNoSpaceLeft();
    buf.write(out);
  }
}
