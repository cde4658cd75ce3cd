package tracehound.conformance.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Drives the daemon's engine deterministically for conformance vectors (docs/spec/conformance-vectors.md).
 * Served only by a daemon started with --conformance; any other daemon answers
 * FAILED_PRECONDITION. Never enable it in production: Reset discards all state.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class ConformanceServiceGrpc {

  private ConformanceServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "tracehound.conformance.v1.ConformanceService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<tracehound.conformance.v1.ConformanceServiceOuterClass.ResetRequest,
      tracehound.conformance.v1.ConformanceServiceOuterClass.ResetResponse> getResetMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Reset",
      requestType = tracehound.conformance.v1.ConformanceServiceOuterClass.ResetRequest.class,
      responseType = tracehound.conformance.v1.ConformanceServiceOuterClass.ResetResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<tracehound.conformance.v1.ConformanceServiceOuterClass.ResetRequest,
      tracehound.conformance.v1.ConformanceServiceOuterClass.ResetResponse> getResetMethod() {
    io.grpc.MethodDescriptor<tracehound.conformance.v1.ConformanceServiceOuterClass.ResetRequest, tracehound.conformance.v1.ConformanceServiceOuterClass.ResetResponse> getResetMethod;
    if ((getResetMethod = ConformanceServiceGrpc.getResetMethod) == null) {
      synchronized (ConformanceServiceGrpc.class) {
        if ((getResetMethod = ConformanceServiceGrpc.getResetMethod) == null) {
          ConformanceServiceGrpc.getResetMethod = getResetMethod =
              io.grpc.MethodDescriptor.<tracehound.conformance.v1.ConformanceServiceOuterClass.ResetRequest, tracehound.conformance.v1.ConformanceServiceOuterClass.ResetResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Reset"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  tracehound.conformance.v1.ConformanceServiceOuterClass.ResetRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  tracehound.conformance.v1.ConformanceServiceOuterClass.ResetResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ConformanceServiceMethodDescriptorSupplier("Reset"))
              .build();
        }
      }
    }
    return getResetMethod;
  }

  private static volatile io.grpc.MethodDescriptor<tracehound.conformance.v1.ConformanceServiceOuterClass.AdvanceClockRequest,
      tracehound.conformance.v1.ConformanceServiceOuterClass.AdvanceClockResponse> getAdvanceClockMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "AdvanceClock",
      requestType = tracehound.conformance.v1.ConformanceServiceOuterClass.AdvanceClockRequest.class,
      responseType = tracehound.conformance.v1.ConformanceServiceOuterClass.AdvanceClockResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<tracehound.conformance.v1.ConformanceServiceOuterClass.AdvanceClockRequest,
      tracehound.conformance.v1.ConformanceServiceOuterClass.AdvanceClockResponse> getAdvanceClockMethod() {
    io.grpc.MethodDescriptor<tracehound.conformance.v1.ConformanceServiceOuterClass.AdvanceClockRequest, tracehound.conformance.v1.ConformanceServiceOuterClass.AdvanceClockResponse> getAdvanceClockMethod;
    if ((getAdvanceClockMethod = ConformanceServiceGrpc.getAdvanceClockMethod) == null) {
      synchronized (ConformanceServiceGrpc.class) {
        if ((getAdvanceClockMethod = ConformanceServiceGrpc.getAdvanceClockMethod) == null) {
          ConformanceServiceGrpc.getAdvanceClockMethod = getAdvanceClockMethod =
              io.grpc.MethodDescriptor.<tracehound.conformance.v1.ConformanceServiceOuterClass.AdvanceClockRequest, tracehound.conformance.v1.ConformanceServiceOuterClass.AdvanceClockResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "AdvanceClock"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  tracehound.conformance.v1.ConformanceServiceOuterClass.AdvanceClockRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  tracehound.conformance.v1.ConformanceServiceOuterClass.AdvanceClockResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ConformanceServiceMethodDescriptorSupplier("AdvanceClock"))
              .build();
        }
      }
    }
    return getAdvanceClockMethod;
  }

  private static volatile io.grpc.MethodDescriptor<tracehound.conformance.v1.ConformanceServiceOuterClass.ListAuditRecordsRequest,
      tracehound.conformance.v1.ConformanceServiceOuterClass.ListAuditRecordsResponse> getListAuditRecordsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListAuditRecords",
      requestType = tracehound.conformance.v1.ConformanceServiceOuterClass.ListAuditRecordsRequest.class,
      responseType = tracehound.conformance.v1.ConformanceServiceOuterClass.ListAuditRecordsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<tracehound.conformance.v1.ConformanceServiceOuterClass.ListAuditRecordsRequest,
      tracehound.conformance.v1.ConformanceServiceOuterClass.ListAuditRecordsResponse> getListAuditRecordsMethod() {
    io.grpc.MethodDescriptor<tracehound.conformance.v1.ConformanceServiceOuterClass.ListAuditRecordsRequest, tracehound.conformance.v1.ConformanceServiceOuterClass.ListAuditRecordsResponse> getListAuditRecordsMethod;
    if ((getListAuditRecordsMethod = ConformanceServiceGrpc.getListAuditRecordsMethod) == null) {
      synchronized (ConformanceServiceGrpc.class) {
        if ((getListAuditRecordsMethod = ConformanceServiceGrpc.getListAuditRecordsMethod) == null) {
          ConformanceServiceGrpc.getListAuditRecordsMethod = getListAuditRecordsMethod =
              io.grpc.MethodDescriptor.<tracehound.conformance.v1.ConformanceServiceOuterClass.ListAuditRecordsRequest, tracehound.conformance.v1.ConformanceServiceOuterClass.ListAuditRecordsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListAuditRecords"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  tracehound.conformance.v1.ConformanceServiceOuterClass.ListAuditRecordsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  tracehound.conformance.v1.ConformanceServiceOuterClass.ListAuditRecordsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ConformanceServiceMethodDescriptorSupplier("ListAuditRecords"))
              .build();
        }
      }
    }
    return getListAuditRecordsMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static ConformanceServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ConformanceServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ConformanceServiceStub>() {
        @java.lang.Override
        public ConformanceServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ConformanceServiceStub(channel, callOptions);
        }
      };
    return ConformanceServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static ConformanceServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ConformanceServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ConformanceServiceBlockingV2Stub>() {
        @java.lang.Override
        public ConformanceServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ConformanceServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return ConformanceServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static ConformanceServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ConformanceServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ConformanceServiceBlockingStub>() {
        @java.lang.Override
        public ConformanceServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ConformanceServiceBlockingStub(channel, callOptions);
        }
      };
    return ConformanceServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static ConformanceServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ConformanceServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ConformanceServiceFutureStub>() {
        @java.lang.Override
        public ConformanceServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ConformanceServiceFutureStub(channel, callOptions);
        }
      };
    return ConformanceServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Drives the daemon's engine deterministically for conformance vectors (docs/spec/conformance-vectors.md).
   * Served only by a daemon started with --conformance; any other daemon answers
   * FAILED_PRECONDITION. Never enable it in production: Reset discards all state.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Replaces the engine with a fresh one: the given limits and MAC keys, a manual clock at
     * clock_start_ms, and ids from the seeded random stream of id_seed (docs/determinism.md).
     * </pre>
     */
    default void reset(tracehound.conformance.v1.ConformanceServiceOuterClass.ResetRequest request,
        io.grpc.stub.StreamObserver<tracehound.conformance.v1.ConformanceServiceOuterClass.ResetResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getResetMethod(), responseObserver);
    }

    /**
     * <pre>
     * Moves the manual clock forward.
     * </pre>
     */
    default void advanceClock(tracehound.conformance.v1.ConformanceServiceOuterClass.AdvanceClockRequest request,
        io.grpc.stub.StreamObserver<tracehound.conformance.v1.ConformanceServiceOuterClass.AdvanceClockResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getAdvanceClockMethod(), responseObserver);
    }

    /**
     * <pre>
     * Every audit record, oldest first.
     * </pre>
     */
    default void listAuditRecords(tracehound.conformance.v1.ConformanceServiceOuterClass.ListAuditRecordsRequest request,
        io.grpc.stub.StreamObserver<tracehound.conformance.v1.ConformanceServiceOuterClass.ListAuditRecordsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListAuditRecordsMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service ConformanceService.
   * <pre>
   * Drives the daemon's engine deterministically for conformance vectors (docs/spec/conformance-vectors.md).
   * Served only by a daemon started with --conformance; any other daemon answers
   * FAILED_PRECONDITION. Never enable it in production: Reset discards all state.
   * </pre>
   */
  public static abstract class ConformanceServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return ConformanceServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service ConformanceService.
   * <pre>
   * Drives the daemon's engine deterministically for conformance vectors (docs/spec/conformance-vectors.md).
   * Served only by a daemon started with --conformance; any other daemon answers
   * FAILED_PRECONDITION. Never enable it in production: Reset discards all state.
   * </pre>
   */
  public static final class ConformanceServiceStub
      extends io.grpc.stub.AbstractAsyncStub<ConformanceServiceStub> {
    private ConformanceServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ConformanceServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ConformanceServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Replaces the engine with a fresh one: the given limits and MAC keys, a manual clock at
     * clock_start_ms, and ids from the seeded random stream of id_seed (docs/determinism.md).
     * </pre>
     */
    public void reset(tracehound.conformance.v1.ConformanceServiceOuterClass.ResetRequest request,
        io.grpc.stub.StreamObserver<tracehound.conformance.v1.ConformanceServiceOuterClass.ResetResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getResetMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Moves the manual clock forward.
     * </pre>
     */
    public void advanceClock(tracehound.conformance.v1.ConformanceServiceOuterClass.AdvanceClockRequest request,
        io.grpc.stub.StreamObserver<tracehound.conformance.v1.ConformanceServiceOuterClass.AdvanceClockResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getAdvanceClockMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Every audit record, oldest first.
     * </pre>
     */
    public void listAuditRecords(tracehound.conformance.v1.ConformanceServiceOuterClass.ListAuditRecordsRequest request,
        io.grpc.stub.StreamObserver<tracehound.conformance.v1.ConformanceServiceOuterClass.ListAuditRecordsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListAuditRecordsMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service ConformanceService.
   * <pre>
   * Drives the daemon's engine deterministically for conformance vectors (docs/spec/conformance-vectors.md).
   * Served only by a daemon started with --conformance; any other daemon answers
   * FAILED_PRECONDITION. Never enable it in production: Reset discards all state.
   * </pre>
   */
  public static final class ConformanceServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<ConformanceServiceBlockingV2Stub> {
    private ConformanceServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ConformanceServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ConformanceServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Replaces the engine with a fresh one: the given limits and MAC keys, a manual clock at
     * clock_start_ms, and ids from the seeded random stream of id_seed (docs/determinism.md).
     * </pre>
     */
    public tracehound.conformance.v1.ConformanceServiceOuterClass.ResetResponse reset(tracehound.conformance.v1.ConformanceServiceOuterClass.ResetRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getResetMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Moves the manual clock forward.
     * </pre>
     */
    public tracehound.conformance.v1.ConformanceServiceOuterClass.AdvanceClockResponse advanceClock(tracehound.conformance.v1.ConformanceServiceOuterClass.AdvanceClockRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getAdvanceClockMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Every audit record, oldest first.
     * </pre>
     */
    public tracehound.conformance.v1.ConformanceServiceOuterClass.ListAuditRecordsResponse listAuditRecords(tracehound.conformance.v1.ConformanceServiceOuterClass.ListAuditRecordsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListAuditRecordsMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service ConformanceService.
   * <pre>
   * Drives the daemon's engine deterministically for conformance vectors (docs/spec/conformance-vectors.md).
   * Served only by a daemon started with --conformance; any other daemon answers
   * FAILED_PRECONDITION. Never enable it in production: Reset discards all state.
   * </pre>
   */
  public static final class ConformanceServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<ConformanceServiceBlockingStub> {
    private ConformanceServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ConformanceServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ConformanceServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Replaces the engine with a fresh one: the given limits and MAC keys, a manual clock at
     * clock_start_ms, and ids from the seeded random stream of id_seed (docs/determinism.md).
     * </pre>
     */
    public tracehound.conformance.v1.ConformanceServiceOuterClass.ResetResponse reset(tracehound.conformance.v1.ConformanceServiceOuterClass.ResetRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getResetMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Moves the manual clock forward.
     * </pre>
     */
    public tracehound.conformance.v1.ConformanceServiceOuterClass.AdvanceClockResponse advanceClock(tracehound.conformance.v1.ConformanceServiceOuterClass.AdvanceClockRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getAdvanceClockMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Every audit record, oldest first.
     * </pre>
     */
    public tracehound.conformance.v1.ConformanceServiceOuterClass.ListAuditRecordsResponse listAuditRecords(tracehound.conformance.v1.ConformanceServiceOuterClass.ListAuditRecordsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListAuditRecordsMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service ConformanceService.
   * <pre>
   * Drives the daemon's engine deterministically for conformance vectors (docs/spec/conformance-vectors.md).
   * Served only by a daemon started with --conformance; any other daemon answers
   * FAILED_PRECONDITION. Never enable it in production: Reset discards all state.
   * </pre>
   */
  public static final class ConformanceServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<ConformanceServiceFutureStub> {
    private ConformanceServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ConformanceServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ConformanceServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Replaces the engine with a fresh one: the given limits and MAC keys, a manual clock at
     * clock_start_ms, and ids from the seeded random stream of id_seed (docs/determinism.md).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<tracehound.conformance.v1.ConformanceServiceOuterClass.ResetResponse> reset(
        tracehound.conformance.v1.ConformanceServiceOuterClass.ResetRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getResetMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Moves the manual clock forward.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<tracehound.conformance.v1.ConformanceServiceOuterClass.AdvanceClockResponse> advanceClock(
        tracehound.conformance.v1.ConformanceServiceOuterClass.AdvanceClockRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getAdvanceClockMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Every audit record, oldest first.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<tracehound.conformance.v1.ConformanceServiceOuterClass.ListAuditRecordsResponse> listAuditRecords(
        tracehound.conformance.v1.ConformanceServiceOuterClass.ListAuditRecordsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListAuditRecordsMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_RESET = 0;
  private static final int METHODID_ADVANCE_CLOCK = 1;
  private static final int METHODID_LIST_AUDIT_RECORDS = 2;

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
        case METHODID_RESET:
          serviceImpl.reset((tracehound.conformance.v1.ConformanceServiceOuterClass.ResetRequest) request,
              (io.grpc.stub.StreamObserver<tracehound.conformance.v1.ConformanceServiceOuterClass.ResetResponse>) responseObserver);
          break;
        case METHODID_ADVANCE_CLOCK:
          serviceImpl.advanceClock((tracehound.conformance.v1.ConformanceServiceOuterClass.AdvanceClockRequest) request,
              (io.grpc.stub.StreamObserver<tracehound.conformance.v1.ConformanceServiceOuterClass.AdvanceClockResponse>) responseObserver);
          break;
        case METHODID_LIST_AUDIT_RECORDS:
          serviceImpl.listAuditRecords((tracehound.conformance.v1.ConformanceServiceOuterClass.ListAuditRecordsRequest) request,
              (io.grpc.stub.StreamObserver<tracehound.conformance.v1.ConformanceServiceOuterClass.ListAuditRecordsResponse>) responseObserver);
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
          getResetMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              tracehound.conformance.v1.ConformanceServiceOuterClass.ResetRequest,
              tracehound.conformance.v1.ConformanceServiceOuterClass.ResetResponse>(
                service, METHODID_RESET)))
        .addMethod(
          getAdvanceClockMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              tracehound.conformance.v1.ConformanceServiceOuterClass.AdvanceClockRequest,
              tracehound.conformance.v1.ConformanceServiceOuterClass.AdvanceClockResponse>(
                service, METHODID_ADVANCE_CLOCK)))
        .addMethod(
          getListAuditRecordsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              tracehound.conformance.v1.ConformanceServiceOuterClass.ListAuditRecordsRequest,
              tracehound.conformance.v1.ConformanceServiceOuterClass.ListAuditRecordsResponse>(
                service, METHODID_LIST_AUDIT_RECORDS)))
        .build();
  }

  private static abstract class ConformanceServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    ConformanceServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return tracehound.conformance.v1.ConformanceServiceOuterClass.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("ConformanceService");
    }
  }

  private static final class ConformanceServiceFileDescriptorSupplier
      extends ConformanceServiceBaseDescriptorSupplier {
    ConformanceServiceFileDescriptorSupplier() {}
  }

  private static final class ConformanceServiceMethodDescriptorSupplier
      extends ConformanceServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    ConformanceServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (ConformanceServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new ConformanceServiceFileDescriptorSupplier())
              .addMethod(getResetMethod())
              .addMethod(getAdvanceClockMethod())
              .addMethod(getListAuditRecordsMethod())
              .build();
        }
      }
    }
    return result;
  }
}
