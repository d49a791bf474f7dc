package io.meshlog.schemas;

import io.meshlog.events.ConfigEvent;
import io.meshlog.events.GatewayStatus;
import io.meshlog.events.ProxyConnection;
import io.meshlog.events.ProxyStatus;
import io.meshlog.events.RejectedChange;
import io.meshlog.events.WorkloadEvent;
import io.meshlog.events.XdsResource;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The serdes of every meshlog topic. Keys are UTF-8 strings; values are Avro single-object encoded. */
public final class Serdes {
  private Serdes() {}

  public static final AvroSerde<ConfigEvent> CONFIG_EVENT = new AvroSerde<>(ConfigEvent.class);
  public static final AvroSerde<WorkloadEvent> WORKLOAD_EVENT = new AvroSerde<>(WorkloadEvent.class);
  public static final AvroSerde<XdsResource> XDS_RESOURCE = new AvroSerde<>(XdsResource.class);
  public static final AvroSerde<GatewayStatus> GATEWAY_STATUS = new AvroSerde<>(GatewayStatus.class);
  public static final AvroSerde<ProxyConnection> PROXY_CONNECTION = new AvroSerde<>(ProxyConnection.class);
  public static final AvroSerde<ProxyStatus> PROXY_STATUS = new AvroSerde<>(ProxyStatus.class);
  public static final AvroSerde<RejectedChange> REJECTED_CHANGE = new AvroSerde<>(RejectedChange.class);

  public static Serde<String> key() {
    return org.apache.kafka.common.serialization.Serdes.String();
  }

  public static String keySerializerClass() {
    return StringSerializer.class.getName();
  }

  public static String keyDeserializerClass() {
    return StringDeserializer.class.getName();
  }
}
