package tracehound.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Operations on the running daemon.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class AdminServiceGrpc {

  private AdminServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "tracehound.v1.AdminService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<tracehound.v1.AdminServiceOuterClass.ReloadConfigRequest,
      tracehound.v1.AdminServiceOuterClass.ReloadConfigResponse> getReloadConfigMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ReloadConfig",
      requestType = tracehound.v1.AdminServiceOuterClass.ReloadConfigRequest.class,
      responseType = tracehound.v1.AdminServiceOuterClass.ReloadConfigResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<tracehound.v1.AdminServiceOuterClass.ReloadConfigRequest,
      tracehound.v1.AdminServiceOuterClass.ReloadConfigResponse> getReloadConfigMethod() {
    io.grpc.MethodDescriptor<tracehound.v1.AdminServiceOuterClass.ReloadConfigRequest, tracehound.v1.AdminServiceOuterClass.ReloadConfigResponse> getReloadConfigMethod;
    if ((getReloadConfigMethod = AdminServiceGrpc.getReloadConfigMethod) == null) {
      synchronized (AdminServiceGrpc.class) {
        if ((getReloadConfigMethod = AdminServiceGrpc.getReloadConfigMethod) == null) {
          AdminServiceGrpc.getReloadConfigMethod = getReloadConfigMethod =
              io.grpc.MethodDescriptor.<tracehound.v1.AdminServiceOuterClass.ReloadConfigRequest, tracehound.v1.AdminServiceOuterClass.ReloadConfigResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ReloadConfig"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  tracehound.v1.AdminServiceOuterClass.ReloadConfigRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  tracehound.v1.AdminServiceOuterClass.ReloadConfigResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AdminServiceMethodDescriptorSupplier("ReloadConfig"))
              .build();
        }
      }
    }
    return getReloadConfigMethod;
  }

  private static volatile io.grpc.MethodDescriptor<tracehound.v1.AdminServiceOuterClass.GetConfigRequest,
      tracehound.v1.AdminServiceOuterClass.GetConfigResponse> getGetConfigMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetConfig",
      requestType = tracehound.v1.AdminServiceOuterClass.GetConfigRequest.class,
      responseType = tracehound.v1.AdminServiceOuterClass.GetConfigResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<tracehound.v1.AdminServiceOuterClass.GetConfigRequest,
      tracehound.v1.AdminServiceOuterClass.GetConfigResponse> getGetConfigMethod() {
    io.grpc.MethodDescriptor<tracehound.v1.AdminServiceOuterClass.GetConfigRequest, tracehound.v1.AdminServiceOuterClass.GetConfigResponse> getGetConfigMethod;
    if ((getGetConfigMethod = AdminServiceGrpc.getGetConfigMethod) == null) {
      synchronized (AdminServiceGrpc.class) {
        if ((getGetConfigMethod = AdminServiceGrpc.getGetConfigMethod) == null) {
          AdminServiceGrpc.getGetConfigMethod = getGetConfigMethod =
              io.grpc.MethodDescriptor.<tracehound.v1.AdminServiceOuterClass.GetConfigRequest, tracehound.v1.AdminServiceOuterClass.GetConfigResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetConfig"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  tracehound.v1.AdminServiceOuterClass.GetConfigRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  tracehound.v1.AdminServiceOuterClass.GetConfigResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AdminServiceMethodDescriptorSupplier("GetConfig"))
              .build();
        }
      }
    }
    return getGetConfigMethod;
  }

  private static volatile io.grpc.MethodDescriptor<tracehound.v1.AdminServiceOuterClass.WatchEventsRequest,
      tracehound.v1.AdminServiceOuterClass.WatchEventsResponse> getWatchEventsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "WatchEvents",
      requestType = tracehound.v1.AdminServiceOuterClass.WatchEventsRequest.class,
      responseType = tracehound.v1.AdminServiceOuterClass.WatchEventsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<tracehound.v1.AdminServiceOuterClass.WatchEventsRequest,
      tracehound.v1.AdminServiceOuterClass.WatchEventsResponse> getWatchEventsMethod() {
    io.grpc.MethodDescriptor<tracehound.v1.AdminServiceOuterClass.WatchEventsRequest, tracehound.v1.AdminServiceOuterClass.WatchEventsResponse> getWatchEventsMethod;
    if ((getWatchEventsMethod = AdminServiceGrpc.getWatchEventsMethod) == null) {
      synchronized (AdminServiceGrpc.class) {
        if ((getWatchEventsMethod = AdminServiceGrpc.getWatchEventsMethod) == null) {
          AdminServiceGrpc.getWatchEventsMethod = getWatchEventsMethod =
              io.grpc.MethodDescriptor.<tracehound.v1.AdminServiceOuterClass.WatchEventsRequest, tracehound.v1.AdminServiceOuterClass.WatchEventsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "WatchEvents"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  tracehound.v1.AdminServiceOuterClass.WatchEventsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  tracehound.v1.AdminServiceOuterClass.WatchEventsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AdminServiceMethodDescriptorSupplier("WatchEvents"))
              .build();
        }
      }
    }
    return getWatchEventsMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static AdminServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AdminServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AdminServiceStub>() {
        @java.lang.Override
        public AdminServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AdminServiceStub(channel, callOptions);
        }
      };
    return AdminServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static AdminServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AdminServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AdminServiceBlockingV2Stub>() {
        @java.lang.Override
        public AdminServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AdminServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return AdminServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static AdminServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AdminServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AdminServiceBlockingStub>() {
        @java.lang.Override
        public AdminServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AdminServiceBlockingStub(channel, callOptions);
        }
      };
    return AdminServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static AdminServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AdminServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AdminServiceFutureStub>() {
        @java.lang.Override
        public AdminServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AdminServiceFutureStub(channel, callOptions);
        }
      };
    return AdminServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Operations on the running daemon.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Re-reads the config source, validates it and swaps it in atomically.
     * An invalid config fails with INVALID_ARGUMENT; the old one keeps serving.
     * </pre>
     */
    default void reloadConfig(tracehound.v1.AdminServiceOuterClass.ReloadConfigRequest request,
        io.grpc.stub.StreamObserver<tracehound.v1.AdminServiceOuterClass.ReloadConfigResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getReloadConfigMethod(), responseObserver);
    }

    /**
     */
    default void getConfig(tracehound.v1.AdminServiceOuterClass.GetConfigRequest request,
        io.grpc.stub.StreamObserver<tracehound.v1.AdminServiceOuterClass.GetConfigResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetConfigMethod(), responseObserver);
    }

    /**
     * <pre>
     * Streams daemon events until the client cancels or the daemon stops. The first message is
     * always `subscribed`: wait for it before causing the events you want to see.
     * </pre>
     */
    default void watchEvents(tracehound.v1.AdminServiceOuterClass.WatchEventsRequest request,
        io.grpc.stub.StreamObserver<tracehound.v1.AdminServiceOuterClass.WatchEventsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getWatchEventsMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service AdminService.
   * <pre>
   * Operations on the running daemon.
   * </pre>
   */
  public static abstract class AdminServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return AdminServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service AdminService.
   * <pre>
   * Operations on the running daemon.
   * </pre>
   */
  public static final class AdminServiceStub
      extends io.grpc.stub.AbstractAsyncStub<AdminServiceStub> {
    private AdminServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AdminServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AdminServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Re-reads the config source, validates it and swaps it in atomically.
     * An invalid config fails with INVALID_ARGUMENT; the old one keeps serving.
     * </pre>
     */
    public void reloadConfig(tracehound.v1.AdminServiceOuterClass.ReloadConfigRequest request,
        io.grpc.stub.StreamObserver<tracehound.v1.AdminServiceOuterClass.ReloadConfigResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getReloadConfigMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void getConfig(tracehound.v1.AdminServiceOuterClass.GetConfigRequest request,
        io.grpc.stub.StreamObserver<tracehound.v1.AdminServiceOuterClass.GetConfigResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetConfigMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Streams daemon events until the client cancels or the daemon stops. The first message is
     * always `subscribed`: wait for it before causing the events you want to see.
     * </pre>
     */
    public void watchEvents(tracehound.v1.AdminServiceOuterClass.WatchEventsRequest request,
        io.grpc.stub.StreamObserver<tracehound.v1.AdminServiceOuterClass.WatchEventsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getWatchEventsMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service AdminService.
   * <pre>
   * Operations on the running daemon.
   * </pre>
   */
  public static final class AdminServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<AdminServiceBlockingV2Stub> {
    private AdminServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AdminServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AdminServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Re-reads the config source, validates it and swaps it in atomically.
     * An invalid config fails with INVALID_ARGUMENT; the old one keeps serving.
     * </pre>
     */
    public tracehound.v1.AdminServiceOuterClass.ReloadConfigResponse reloadConfig(tracehound.v1.AdminServiceOuterClass.ReloadConfigRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getReloadConfigMethod(), getCallOptions(), request);
    }

    /**
     */
    public tracehound.v1.AdminServiceOuterClass.GetConfigResponse getConfig(tracehound.v1.AdminServiceOuterClass.GetConfigRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetConfigMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Streams daemon events until the client cancels or the daemon stops. The first message is
     * always `subscribed`: wait for it before causing the events you want to see.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, tracehound.v1.AdminServiceOuterClass.WatchEventsResponse>
        watchEvents(tracehound.v1.AdminServiceOuterClass.WatchEventsRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getWatchEventsMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service AdminService.
   * <pre>
   * Operations on the running daemon.
   * </pre>
   */
  public static final class AdminServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<AdminServiceBlockingStub> {
    private AdminServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AdminServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AdminServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Re-reads the config source, validates it and swaps it in atomically.
     * An invalid config fails with INVALID_ARGUMENT; the old one keeps serving.
     * </pre>
     */
    public tracehound.v1.AdminServiceOuterClass.ReloadConfigResponse reloadConfig(tracehound.v1.AdminServiceOuterClass.ReloadConfigRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getReloadConfigMethod(), getCallOptions(), request);
    }

    /**
     */
    public tracehound.v1.AdminServiceOuterClass.GetConfigResponse getConfig(tracehound.v1.AdminServiceOuterClass.GetConfigRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetConfigMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Streams daemon events until the client cancels or the daemon stops. The first message is
     * always `subscribed`: wait for it before causing the events you want to see.
     * </pre>
     */
    public java.util.Iterator<tracehound.v1.AdminServiceOuterClass.WatchEventsResponse> watchEvents(
        tracehound.v1.AdminServiceOuterClass.WatchEventsRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getWatchEventsMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service AdminService.
   * <pre>
   * Operations on the running daemon.
   * </pre>
   */
  public static final class AdminServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<AdminServiceFutureStub> {
    private AdminServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AdminServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AdminServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Re-reads the config source, validates it and swaps it in atomically.
     * An invalid config fails with INVALID_ARGUMENT; the old one keeps serving.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<tracehound.v1.AdminServiceOuterClass.ReloadConfigResponse> reloadConfig(
        tracehound.v1.AdminServiceOuterClass.ReloadConfigRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getReloadConfigMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<tracehound.v1.AdminServiceOuterClass.GetConfigResponse> getConfig(
        tracehound.v1.AdminServiceOuterClass.GetConfigRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetConfigMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_RELOAD_CONFIG = 0;
  private static final int METHODID_GET_CONFIG = 1;
  private static final int METHODID_WATCH_EVENTS = 2;

  private static final class MethodHandlers<Req, Resp> implements
      io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {
    private final AsyncService serviceImpl;
    private final int methodId;

    MethodHandlers(AsyncService serviceImpl, int methodId) {
      this.serviceImpl = serviceImpl;
      this.methodId = methodId;
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_RELOAD_CONFIG:
          serviceImpl.reloadConfig((tracehound.v1.AdminServiceOuterClass.ReloadConfigRequest) request,
              (io.grpc.stub.StreamObserver<tracehound.v1.AdminServiceOuterClass.ReloadConfigResponse>) responseObserver);
          break;
        case METHODID_GET_CONFIG:
          serviceImpl.getConfig((tracehound.v1.AdminServiceOuterClass.GetConfigRequest) request,
              (io.grpc.stub.StreamObserver<tracehound.v1.AdminServiceOuterClass.GetConfigResponse>) responseObserver);
          break;
        case METHODID_WATCH_EVENTS:
          serviceImpl.watchEvents((tracehound.v1.AdminServiceOuterClass.WatchEventsRequest) request,
              (io.grpc.stub.StreamObserver<tracehound.v1.AdminServiceOuterClass.WatchEventsResponse>) responseObserver);
          break;
        default:
          throw new AssertionError();
      }
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public io.grpc.stub.StreamObserver<Req> invoke(
        io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getReloadConfigMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              tracehound.v1.AdminServiceOuterClass.ReloadConfigRequest,
              tracehound.v1.AdminServiceOuterClass.ReloadConfigResponse>(
                service, METHODID_RELOAD_CONFIG)))
        .addMethod(
          getGetConfigMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              tracehound.v1.AdminServiceOuterClass.GetConfigRequest,
              tracehound.v1.AdminServiceOuterClass.GetConfigResponse>(
                service, METHODID_GET_CONFIG)))
        .addMethod(
          getWatchEventsMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              tracehound.v1.AdminServiceOuterClass.WatchEventsRequest,
              tracehound.v1.AdminServiceOuterClass.WatchEventsResponse>(
                service, METHODID_WATCH_EVENTS)))
        .build();
  }

  private static abstract class AdminServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    AdminServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return tracehound.v1.AdminServiceOuterClass.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("AdminService");
    }
  }

  private static final class AdminServiceFileDescriptorSupplier
      extends AdminServiceBaseDescriptorSupplier {
    AdminServiceFileDescriptorSupplier() {}
  }

  private static final class AdminServiceMethodDescriptorSupplier
      extends AdminServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    AdminServiceMethodDescriptorSupplier(java.lang.String methodName) {
      this.methodName = methodName;
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.MethodDescriptor getMethodDescriptor() {
      return getServiceDescriptor().findMethodByName(methodName);
    }
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (AdminServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new AdminServiceFileDescriptorSupplier())
              .addMethod(getReloadConfigMethod())
              .addMethod(getGetConfigMethod())
              .addMethod(getWatchEventsMethod())
              .build();
        }
      }
    }
    return result;
  }
}
