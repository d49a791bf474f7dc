package io.meshlog.app;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A one-method gRPC service whose answer is the name of the server that handled the call: enough to see where
 * an xDS client routes. Defined by hand (string messages) so the demo needs no generated code.
 */
public final class Echo {
  private Echo() {}

  public static final MethodDescriptor<String, String> WHO = MethodDescriptor.<String, String>newBuilder()
      .setType(MethodDescriptor.MethodType.UNARY)
      .setFullMethodName(MethodDescriptor.generateFullMethodName("meshlog.demo.Echo", "Who"))
      .setRequestMarshaller(new Utf8())
      .setResponseMarshaller(new Utf8())
      .build();

  public static ServerServiceDefinition service(String serverName) {
    return ServerServiceDefinition.builder("meshlog.demo.Echo")
        .addMethod(WHO, ServerCalls.asyncUnaryCall((request, response) -> {
          response.onNext(serverName);
          response.onCompleted();
        }))
        .build();
  }

  /** Asks who answers; throws the call's StatusRuntimeException when the RPC fails. */
  public static String who(Channel channel) {
    return ClientCalls.blockingUnaryCall(channel, WHO, CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), "");
  }

  private static final class Utf8 implements MethodDescriptor.Marshaller<String> {
    @Override
    public InputStream stream(String value) {
      return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String parse(InputStream stream) {
      try {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
