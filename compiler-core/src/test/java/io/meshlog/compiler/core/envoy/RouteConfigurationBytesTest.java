package io.meshlog.compiler.core.envoy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteConfigurationBytesTest {
  @Test
  void assembledBytesAreWhatDeterministicSerializationOfTheSameMessageGives() {
    List<VirtualHost> hosts = new ArrayList<>();
    for (int i = 0; i < 300; i++) { // enough that some virtual hosts need multi-byte length prefixes
      VirtualHost.Builder vh = VirtualHost.newBuilder().setName("svc-" + i + ".demo.svc:80")
          .addDomains("svc-" + i + ".demo.svc").addDomains("svc-" + i + ".demo.svc:80");
      for (int r = 0; r < i % 7; r++) {
        vh.addRoutes(Route.newBuilder().setName("r" + r).setMatch(RouteMatch.newBuilder().setPrefix("/p" + r))
            .setRoute(RouteAction.newBuilder().setCluster("outbound|80||svc-" + i + ".demo.svc")));
      }
      hosts.add(vh.build());
    }
    RouteConfiguration whole = RouteConfiguration.newBuilder().setName("80").addAllVirtualHosts(hosts).build();

    byte[] assembled = RouteConfigurationBytes.of("80", hosts.stream().map(Protos::deterministicBytes).toList());

    assertArrayEquals(Protos.deterministicBytes(whole), assembled);
  }

  @Test
  void anEmptyPortIsJustItsName() {
    assertArrayEquals(Protos.deterministicBytes(RouteConfiguration.newBuilder().setName("8080").build()),
        RouteConfigurationBytes.of("8080", List.of()));
  }
}
