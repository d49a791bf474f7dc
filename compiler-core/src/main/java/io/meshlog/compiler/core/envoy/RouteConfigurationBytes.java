package io.meshlog.compiler.core.envoy;

import com.google.protobuf.CodedOutputStream;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A sidecar's per-port RouteConfiguration written from the already serialized virtual hosts of its services.
 * A change to one service then costs a copy of the others' bytes instead of rebuilding and re-serializing every
 * virtual host on the port. The result is byte for byte what deterministic serialization of the same message
 * gives: field 1 (name), then field 2 (virtual_hosts) once per host, in order.
 */
final class RouteConfigurationBytes {
  private RouteConfigurationBytes() {}

  static byte[] of(String name, List<byte[]> virtualHosts) {
    int size = CodedOutputStream.computeStringSize(RouteConfiguration.NAME_FIELD_NUMBER, name);
    for (byte[] vh : virtualHosts) {
      size += CodedOutputStream.computeByteArraySize(RouteConfiguration.VIRTUAL_HOSTS_FIELD_NUMBER, vh);
    }
    byte[] out = new byte[size];
    CodedOutputStream stream = CodedOutputStream.newInstance(out);
    try {
      stream.writeString(RouteConfiguration.NAME_FIELD_NUMBER, name);
      for (byte[] vh : virtualHosts) {
        // An embedded message is written as length-delimited bytes, exactly like writeByteArray.
        stream.writeByteArray(RouteConfiguration.VIRTUAL_HOSTS_FIELD_NUMBER, vh);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to an array of the exact size cannot fail
    }
    stream.checkNoSpaceLeft();
    return out;
  }
}
