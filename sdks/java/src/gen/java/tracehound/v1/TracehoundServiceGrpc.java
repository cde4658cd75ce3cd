package tracehound.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * The engine, served by tracehoundd.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class TracehoundServiceGrpc {

  private TracehoundServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "tracehound.v1.TracehoundService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<tracehound.v1.TracehoundServiceOuterClass.HandshakeRequest,
      tracehound.v1.TracehoundServiceOuterClass.HandshakeResponse> getHandshakeMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Handshake",
      requestType = tracehound.v1.TracehoundServiceOuterClass.HandshakeRequest.class,
      responseType = tracehound.v1.TracehoundServiceOuterClass.HandshakeResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<tracehound.v1.TracehoundServiceOuterClass.HandshakeRequest,
      tracehound.v1.TracehoundServiceOuterClass.HandshakeResponse> getHandshakeMethod() {
    io.grpc.MethodDescriptor<tracehound.v1.TracehoundServiceOuterClass.HandshakeRequest, tracehound.v1.TracehoundServiceOuterClass.HandshakeResponse> getHandshakeMethod;
    if ((getHandshakeMethod = TracehoundServiceGrpc.getHandshakeMethod) == null) {
      synchronized (TracehoundServiceGrpc.class) {
        if ((getHandshakeMethod = TracehoundServiceGrpc.getHandshakeMethod) == null) {
          TracehoundServiceGrpc.getHandshakeMethod = getHandshakeMethod =
              io.grpc.MethodDescriptor.<tracehound.v1.TracehoundServiceOuterClass.HandshakeRequest, tracehound.v1.TracehoundServiceOuterClass.HandshakeResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Handshake"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  tracehound.v1.TracehoundServiceOuterClass.HandshakeRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  tracehound.v1.TracehoundServiceOuterClass.HandshakeResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TracehoundServiceMethodDescriptorSupplier("Handshake"))
              .build();
        }
      }
    }
    return getHandshakeMethod;
  }

  private static volatile io.grpc.MethodDescriptor<tracehound.v1.TracehoundServiceOuterClass.InterceptRequest,
      tracehound.v1.TracehoundServiceOuterClass.InterceptResponse> getInterceptMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Intercept",
      requestType = tracehound.v1.TracehoundServiceOuterClass.InterceptRequest.class,
      responseType = tracehound.v1.TracehoundServiceOuterClass.InterceptResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<tracehound.v1.TracehoundServiceOuterClass.InterceptRequest,
      tracehound.v1.TracehoundServiceOuterClass.InterceptResponse> getInterceptMethod() {
    io.grpc.MethodDescriptor<tracehound.v1.TracehoundServiceOuterClass.InterceptRequest, tracehound.v1.TracehoundServiceOuterClass.InterceptResponse> getInterceptMethod;
    if ((getInterceptMethod = TracehoundServiceGrpc.getInterceptMethod) == null) {
      synchronized (TracehoundServiceGrpc.class) {
        if ((getInterceptMethod = TracehoundServiceGrpc.getInterceptMethod) == null) {
          TracehoundServiceGrpc.getInterceptMethod = getInterceptMethod =
              io.grpc.MethodDescriptor.<tracehound.v1.TracehoundServiceOuterClass.InterceptRequest, tracehound.v1.TracehoundServiceOuterClass.InterceptResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Intercept"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  tracehound.v1.TracehoundServiceOuterClass.InterceptRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  tracehound.v1.TracehoundServiceOuterClass.InterceptResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TracehoundServiceMethodDescriptorSupplier("Intercept"))
              .build();
        }
      }
    }
    return getInterceptMethod;
  }

  private static volatile io.grpc.MethodDescriptor<tracehound.v1.TracehoundServiceOuterClass.InterceptStreamRequest,
      tracehound.v1.TracehoundServiceOuterClass.InterceptStreamResponse> getInterceptStreamMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "InterceptStream",
      requestType = tracehound.v1.TracehoundServiceOuterClass.InterceptStreamRequest.class,
      responseType = tracehound.v1.TracehoundServiceOuterClass.InterceptStreamResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
  public static io.grpc.MethodDescriptor<tracehound.v1.TracehoundServiceOuterClass.InterceptStreamRequest,
      tracehound.v1.TracehoundServiceOuterClass.InterceptStreamResponse> getInterceptStreamMethod() {
    io.grpc.MethodDescriptor<tracehound.v1.TracehoundServiceOuterClass.InterceptStreamRequest, tracehound.v1.TracehoundServiceOuterClass.InterceptStreamResponse> getInterceptStreamMethod;
    if ((getInterceptStreamMethod = TracehoundServiceGrpc.getInterceptStreamMethod) == null) {
      synchronized (TracehoundServiceGrpc.class) {
        if ((getInterceptStreamMethod = TracehoundServiceGrpc.getInterceptStreamMethod) == null) {
          TracehoundServiceGrpc.getInterceptStreamMethod = getInterceptStreamMethod =
              io.grpc.MethodDescriptor.<tracehound.v1.TracehoundServiceOuterClass.InterceptStreamRequest, tracehound.v1.TracehoundServiceOuterClass.InterceptStreamResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "InterceptStream"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  tracehound.v1.TracehoundServiceOuterClass.InterceptStreamRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  tracehound.v1.TracehoundServiceOuterClass.InterceptStreamResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TracehoundServiceMethodDescriptorSupplier("InterceptStream"))
              .build();
        }
      }
    }
    return getInterceptStreamMethod;
  }

  private static volatile io.grpc.MethodDescriptor<tracehound.v1.TracehoundServiceOuterClass.GetEvidenceRequest,
      tracehound.v1.TracehoundServiceOuterClass.GetEvidenceResponse> getGetEvidenceMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetEvidence",
      requestType = tracehound.v1.TracehoundServiceOuterClass.GetEvidenceRequest.class,
      responseType = tracehound.v1.TracehoundServiceOuterClass.GetEvidenceResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<tracehound.v1.TracehoundServiceOuterClass.GetEvidenceRequest,
      tracehound.v1.TracehoundServiceOuterClass.GetEvidenceResponse> getGetEvidenceMethod() {
    io.grpc.MethodDescriptor<tracehound.v1.TracehoundServiceOuterClass.GetEvidenceRequest, tracehound.v1.TracehoundServiceOuterClass.GetEvidenceResponse> getGetEvidenceMethod;
    if ((getGetEvidenceMethod = TracehoundServiceGrpc.getGetEvidenceMethod) == null) {
      synchronized (TracehoundServiceGrpc.class) {
        if ((getGetEvidenceMethod = TracehoundServiceGrpc.getGetEvidenceMethod) == null) {
          TracehoundServiceGrpc.getGetEvidenceMethod = getGetEvidenceMethod =
              io.grpc.MethodDescriptor.<tracehound.v1.TracehoundServiceOuterClass.GetEvidenceRequest, tracehound.v1.TracehoundServiceOuterClass.GetEvidenceResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetEvidence"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  tracehound.v1.TracehoundServiceOuterClass.GetEvidenceRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  tracehound.v1.TracehoundServiceOuterClass.GetEvidenceResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TracehoundServiceMethodDescriptorSupplier("GetEvidence"))
              .build();
        }
      }
    }
    return getGetEvidenceMethod;
  }

  private static volatile io.grpc.MethodDescriptor<tracehound.v1.TracehoundServiceOuterClass.ListQuarantineRequest,
      tracehound.v1.TracehoundServiceOuterClass.ListQuarantineResponse> getListQuarantineMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListQuarantine",
      requestType = tracehound.v1.TracehoundServiceOuterClass.ListQuarantineRequest.class,
      responseType = tracehound.v1.TracehoundServiceOuterClass.ListQuarantineResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<tracehound.v1.TracehoundServiceOuterClass.ListQuarantineRequest,
      tracehound.v1.TracehoundServiceOuterClass.ListQuarantineResponse> getListQuarantineMethod() {
    io.grpc.MethodDescriptor<tracehound.v1.TracehoundServiceOuterClass.ListQuarantineRequest, tracehound.v1.TracehoundServiceOuterClass.ListQuarantineResponse> getListQuarantineMethod;
    if ((getListQuarantineMethod = TracehoundServiceGrpc.getListQuarantineMethod) == null) {
      synchronized (TracehoundServiceGrpc.class) {
        if ((getListQuarantineMethod = TracehoundServiceGrpc.getListQuarantineMethod) == null) {
          TracehoundServiceGrpc.getListQuarantineMethod = getListQuarantineMethod =
              io.grpc.MethodDescriptor.<tracehound.v1.TracehoundServiceOuterClass.ListQuarantineRequest, tracehound.v1.TracehoundServiceOuterClass.ListQuarantineResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListQuarantine"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  tracehound.v1.TracehoundServiceOuterClass.ListQuarantineRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  tracehound.v1.TracehoundServiceOuterClass.ListQuarantineResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TracehoundServiceMethodDescriptorSupplier("ListQuarantine"))
              .build();
        }
      }
    }
    return getListQuarantineMethod;
  }

  private static volatile io.grpc.MethodDescriptor<tracehound.v1.TracehoundServiceOuterClass.NeutralizeRequest,
      tracehound.v1.TracehoundServiceOuterClass.NeutralizeResponse> getNeutralizeMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Neutralize",
      requestType = tracehound.v1.TracehoundServiceOuterClass.NeutralizeRequest.class,
      responseType = tracehound.v1.TracehoundServiceOuterClass.NeutralizeResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<tracehound.v1.TracehoundServiceOuterClass.NeutralizeRequest,
      tracehound.v1.TracehoundServiceOuterClass.NeutralizeResponse> getNeutralizeMethod() {
    io.grpc.MethodDescriptor<tracehound.v1.TracehoundServiceOuterClass.NeutralizeRequest, tracehound.v1.TracehoundServiceOuterClass.NeutralizeResponse> getNeutralizeMethod;
    if ((getNeutralizeMethod = TracehoundServiceGrpc.getNeutralizeMethod) == null) {
      synchronized (TracehoundServiceGrpc.class) {
        if ((getNeutralizeMethod = TracehoundServiceGrpc.getNeutralizeMethod) == null) {
          TracehoundServiceGrpc.getNeutralizeMethod = getNeutralizeMethod =
              io.grpc.MethodDescriptor.<tracehound.v1.TracehoundServiceOuterClass.NeutralizeRequest, tracehound.v1.TracehoundServiceOuterClass.NeutralizeResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Neutralize"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  tracehound.v1.TracehoundServiceOuterClass.NeutralizeRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  tracehound.v1.TracehoundServiceOuterClass.NeutralizeResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TracehoundServiceMethodDescriptorSupplier("Neutralize"))
              .build();
        }
      }
    }
    return getNeutralizeMethod;
  }

  private static volatile io.grpc.MethodDescriptor<tracehound.v1.TracehoundServiceOuterClass.GetTreeHeadRequest,
      tracehound.v1.TracehoundServiceOuterClass.GetTreeHeadResponse> getGetTreeHeadMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetTreeHead",
      requestType = tracehound.v1.TracehoundServiceOuterClass.GetTreeHeadRequest.class,
      responseType = tracehound.v1.TracehoundServiceOuterClass.GetTreeHeadResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<tracehound.v1.TracehoundServiceOuterClass.GetTreeHeadRequest,
      tracehound.v1.TracehoundServiceOuterClass.GetTreeHeadResponse> getGetTreeHeadMethod() {
    io.grpc.MethodDescriptor<tracehound.v1.TracehoundServiceOuterClass.GetTreeHeadRequest, tracehound.v1.TracehoundServiceOuterClass.GetTreeHeadResponse> getGetTreeHeadMethod;
    if ((getGetTreeHeadMethod = TracehoundServiceGrpc.getGetTreeHeadMethod) == null) {
      synchronized (TracehoundServiceGrpc.class) {
        if ((getGetTreeHeadMethod = TracehoundServiceGrpc.getGetTreeHeadMethod) == null) {
          TracehoundServiceGrpc.getGetTreeHeadMethod = getGetTreeHeadMethod =
              io.grpc.MethodDescriptor.<tracehound.v1.TracehoundServiceOuterClass.GetTreeHeadRequest, tracehound.v1.TracehoundServiceOuterClass.GetTreeHeadResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetTreeHead"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  tracehound.v1.TracehoundServiceOuterClass.GetTreeHeadRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  tracehound.v1.TracehoundServiceOuterClass.GetTreeHeadResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TracehoundServiceMethodDescriptorSupplier("GetTreeHead"))
              .build();
        }
      }
    }
    return getGetTreeHeadMethod;
  }

  private static volatile io.grpc.MethodDescriptor<tracehound.v1.TracehoundServiceOuterClass.GetInclusionProofRequest,
      tracehound.v1.TracehoundServiceOuterClass.GetInclusionProofResponse> getGetInclusionProofMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetInclusionProof",
      requestType = tracehound.v1.TracehoundServiceOuterClass.GetInclusionProofRequest.class,
      responseType = tracehound.v1.TracehoundServiceOuterClass.GetInclusionProofResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<tracehound.v1.TracehoundServiceOuterClass.GetInclusionProofRequest,
      tracehound.v1.TracehoundServiceOuterClass.GetInclusionProofResponse> getGetInclusionProofMethod() {
    io.grpc.MethodDescriptor<tracehound.v1.TracehoundServiceOuterClass.GetInclusionProofRequest, tracehound.v1.TracehoundServiceOuterClass.GetInclusionProofResponse> getGetInclusionProofMethod;
    if ((getGetInclusionProofMethod = TracehoundServiceGrpc.getGetInclusionProofMethod) == null) {
      synchronized (TracehoundServiceGrpc.class) {
        if ((getGetInclusionProofMethod = TracehoundServiceGrpc.getGetInclusionProofMethod) == null) {
          TracehoundServiceGrpc.getGetInclusionProofMethod = getGetInclusionProofMethod =
              io.grpc.MethodDescriptor.<tracehound.v1.TracehoundServiceOuterClass.GetInclusionProofRequest, tracehound.v1.TracehoundServiceOuterClass.GetInclusionProofResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetInclusionProof"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  tracehound.v1.TracehoundServiceOuterClass.GetInclusionProofRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  tracehound.v1.TracehoundServiceOuterClass.GetInclusionProofResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TracehoundServiceMethodDescriptorSupplier("GetInclusionProof"))
              .build();
        }
      }
    }
    return getGetInclusionProofMethod;
  }

  private static volatile io.grpc.MethodDescriptor<tracehound.v1.TracehoundServiceOuterClass.GetConsistencyProofRequest,
      tracehound.v1.TracehoundServiceOuterClass.GetConsistencyProofResponse> getGetConsistencyProofMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetConsistencyProof",
      requestType = tracehound.v1.TracehoundServiceOuterClass.GetConsistencyProofRequest.class,
      responseType = tracehound.v1.TracehoundServiceOuterClass.GetConsistencyProofResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<tracehound.v1.TracehoundServiceOuterClass.GetConsistencyProofRequest,
      tracehound.v1.TracehoundServiceOuterClass.GetConsistencyProofResponse> getGetConsistencyProofMethod() {
    io.grpc.MethodDescriptor<tracehound.v1.TracehoundServiceOuterClass.GetConsistencyProofRequest, tracehound.v1.TracehoundServiceOuterClass.GetConsistencyProofResponse> getGetConsistencyProofMethod;
    if ((getGetConsistencyProofMethod = TracehoundServiceGrpc.getGetConsistencyProofMethod) == null) {
      synchronized (TracehoundServiceGrpc.class) {
        if ((getGetConsistencyProofMethod = TracehoundServiceGrpc.getGetConsistencyProofMethod) == null) {
          TracehoundServiceGrpc.getGetConsistencyProofMethod = getGetConsistencyProofMethod =
              io.grpc.MethodDescriptor.<tracehound.v1.TracehoundServiceOuterClass.GetConsistencyProofRequest, tracehound.v1.TracehoundServiceOuterClass.GetConsistencyProofResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetConsistencyProof"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  tracehound.v1.TracehoundServiceOuterClass.GetConsistencyProofRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  tracehound.v1.TracehoundServiceOuterClass.GetConsistencyProofResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TracehoundServiceMethodDescriptorSupplier("GetConsistencyProof"))
              .build();
        }
      }
    }
    return getGetConsistencyProofMethod;
  }

  private static volatile io.grpc.MethodDescriptor<tracehound.v1.TracehoundServiceOuterClass.GetStatsRequest,
      tracehound.v1.TracehoundServiceOuterClass.GetStatsResponse> getGetStatsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetStats",
      requestType = tracehound.v1.TracehoundServiceOuterClass.GetStatsRequest.class,
      responseType = tracehound.v1.TracehoundServiceOuterClass.GetStatsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<tracehound.v1.TracehoundServiceOuterClass.GetStatsRequest,
      tracehound.v1.TracehoundServiceOuterClass.GetStatsResponse> getGetStatsMethod() {
    io.grpc.MethodDescriptor<tracehound.v1.TracehoundServiceOuterClass.GetStatsRequest, tracehound.v1.TracehoundServiceOuterClass.GetStatsResponse> getGetStatsMethod;
    if ((getGetStatsMethod = TracehoundServiceGrpc.getGetStatsMethod) == null) {
      synchronized (TracehoundServiceGrpc.class) {
        if ((getGetStatsMethod = TracehoundServiceGrpc.getGetStatsMethod) == null) {
          TracehoundServiceGrpc.getGetStatsMethod = getGetStatsMethod =
              io.grpc.MethodDescriptor.<tracehound.v1.TracehoundServiceOuterClass.GetStatsRequest, tracehound.v1.TracehoundServiceOuterClass.GetStatsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetStats"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  tracehound.v1.TracehoundServiceOuterClass.GetStatsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  tracehound.v1.TracehoundServiceOuterClass.GetStatsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new TracehoundServiceMethodDescriptorSupplier("GetStats"))
              .build();
        }
      }
    }
    return getGetStatsMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static TracehoundServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<TracehoundServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<TracehoundServiceStub>() {
        @java.lang.Override
        public TracehoundServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new TracehoundServiceStub(channel, callOptions);
        }
      };
    return TracehoundServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static TracehoundServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<TracehoundServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<TracehoundServiceBlockingV2Stub>() {
        @java.lang.Override
        public TracehoundServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new TracehoundServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return TracehoundServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static TracehoundServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<TracehoundServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<TracehoundServiceBlockingStub>() {
        @java.lang.Override
        public TracehoundServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new TracehoundServiceBlockingStub(channel, callOptions);
        }
      };
    return TracehoundServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static TracehoundServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<TracehoundServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<TracehoundServiceFutureStub>() {
        @java.lang.Override
        public TracehoundServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new TracehoundServiceFutureStub(channel, callOptions);
        }
      };
    return TracehoundServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * The engine, served by tracehoundd.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Agrees on the schema version. A different major version fails with
     * FAILED_PRECONDITION naming both versions.
     * </pre>
     */
    default void handshake(tracehound.v1.TracehoundServiceOuterClass.HandshakeRequest request,
        io.grpc.stub.StreamObserver<tracehound.v1.TracehoundServiceOuterClass.HandshakeResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getHandshakeMethod(), responseObserver);
    }

    /**
     * <pre>
     * Judges one scent. Engine outcomes, errors included, are verdicts.
     * </pre>
     */
    default void intercept(tracehound.v1.TracehoundServiceOuterClass.InterceptRequest request,
        io.grpc.stub.StreamObserver<tracehound.v1.TracehoundServiceOuterClass.InterceptResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getInterceptMethod(), responseObserver);
    }

    /**
     * <pre>
     * Judges batches of scents on one long-lived stream; each response answers
     * the request at the same position (and carries its request_id), verdicts
     * in scent order. A request the unary call would refuse gets a response
     * with `error` set; the stream goes on.
     * </pre>
     */
    default io.grpc.stub.StreamObserver<tracehound.v1.TracehoundServiceOuterClass.InterceptStreamRequest> interceptStream(
        io.grpc.stub.StreamObserver<tracehound.v1.TracehoundServiceOuterClass.InterceptStreamResponse> responseObserver) {
      return io.grpc.stub.ServerCalls.asyncUnimplementedStreamingCall(getInterceptStreamMethod(), responseObserver);
    }

    /**
     */
    default void getEvidence(tracehound.v1.TracehoundServiceOuterClass.GetEvidenceRequest request,
        io.grpc.stub.StreamObserver<tracehound.v1.TracehoundServiceOuterClass.GetEvidenceResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetEvidenceMethod(), responseObserver);
    }

    /**
     */
    default void listQuarantine(tracehound.v1.TracehoundServiceOuterClass.ListQuarantineRequest request,
        io.grpc.stub.StreamObserver<tracehound.v1.TracehoundServiceOuterClass.ListQuarantineResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListQuarantineMethod(), responseObserver);
    }

    /**
     * <pre>
     * Destroys quarantined evidence and appends an audit record.
     * </pre>
     */
    default void neutralize(tracehound.v1.TracehoundServiceOuterClass.NeutralizeRequest request,
        io.grpc.stub.StreamObserver<tracehound.v1.TracehoundServiceOuterClass.NeutralizeResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getNeutralizeMethod(), responseObserver);
    }

    /**
     */
    default void getTreeHead(tracehound.v1.TracehoundServiceOuterClass.GetTreeHeadRequest request,
        io.grpc.stub.StreamObserver<tracehound.v1.TracehoundServiceOuterClass.GetTreeHeadResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetTreeHeadMethod(), responseObserver);
    }

    /**
     */
    default void getInclusionProof(tracehound.v1.TracehoundServiceOuterClass.GetInclusionProofRequest request,
        io.grpc.stub.StreamObserver<tracehound.v1.TracehoundServiceOuterClass.GetInclusionProofResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetInclusionProofMethod(), responseObserver);
    }

    /**
     */
    default void getConsistencyProof(tracehound.v1.TracehoundServiceOuterClass.GetConsistencyProofRequest request,
        io.grpc.stub.StreamObserver<tracehound.v1.TracehoundServiceOuterClass.GetConsistencyProofResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetConsistencyProofMethod(), responseObserver);
    }

    /**
     */
    default void getStats(tracehound.v1.TracehoundServiceOuterClass.GetStatsRequest request,
        io.grpc.stub.StreamObserver<tracehound.v1.TracehoundServiceOuterClass.GetStatsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetStatsMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service TracehoundService.
   * <pre>
   * The engine, served by tracehoundd.
   * </pre>
   */
  public static abstract class TracehoundServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return TracehoundServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service TracehoundService.
   * <pre>
   * The engine, served by tracehoundd.
   * </pre>
   */
  public static final class TracehoundServiceStub
      extends io.grpc.stub.AbstractAsyncStub<TracehoundServiceStub> {
    private TracehoundServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected TracehoundServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new TracehoundServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Agrees on the schema version. A different major version fails with
     * FAILED_PRECONDITION naming both versions.
     * </pre>
     */
    public void handshake(tracehound.v1.TracehoundServiceOuterClass.HandshakeRequest request,
        io.grpc.stub.StreamObserver<tracehound.v1.TracehoundServiceOuterClass.HandshakeResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getHandshakeMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Judges one scent. Engine outcomes, errors included, are verdicts.
     * </pre>
     */
    public void intercept(tracehound.v1.TracehoundServiceOuterClass.InterceptRequest request,
        io.grpc.stub.StreamObserver<tracehound.v1.TracehoundServiceOuterClass.InterceptResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getInterceptMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Judges batches of scents on one long-lived stream; each response answers
     * the request at the same position (and carries its request_id), verdicts
     * in scent order. A request the unary call would refuse gets a response
     * with `error` set; the stream goes on.
     * </pre>
     */
    public io.grpc.stub.StreamObserver<tracehound.v1.TracehoundServiceOuterClass.InterceptStreamRequest> interceptStream(
        io.grpc.stub.StreamObserver<tracehound.v1.TracehoundServiceOuterClass.InterceptStreamResponse> responseObserver) {
      return io.grpc.stub.ClientCalls.asyncBidiStreamingCall(
          getChannel().newCall(getInterceptStreamMethod(), getCallOptions()), responseObserver);
    }

    /**
     */
    public void getEvidence(tracehound.v1.TracehoundServiceOuterClass.GetEvidenceRequest request,
        io.grpc.stub.StreamObserver<tracehound.v1.TracehoundServiceOuterClass.GetEvidenceResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetEvidenceMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void listQuarantine(tracehound.v1.TracehoundServiceOuterClass.ListQuarantineRequest request,
        io.grpc.stub.StreamObserver<tracehound.v1.TracehoundServiceOuterClass.ListQuarantineResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListQuarantineMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Destroys quarantined evidence and appends an audit record.
     * </pre>
     */
    public void neutralize(tracehound.v1.TracehoundServiceOuterClass.NeutralizeRequest request,
        io.grpc.stub.StreamObserver<tracehound.v1.TracehoundServiceOuterClass.NeutralizeResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getNeutralizeMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void getTreeHead(tracehound.v1.TracehoundServiceOuterClass.GetTreeHeadRequest request,
        io.grpc.stub.StreamObserver<tracehound.v1.TracehoundServiceOuterClass.GetTreeHeadResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetTreeHeadMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void getInclusionProof(tracehound.v1.TracehoundServiceOuterClass.GetInclusionProofRequest request,
        io.grpc.stub.StreamObserver<tracehound.v1.TracehoundServiceOuterClass.GetInclusionProofResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetInclusionProofMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void getConsistencyProof(tracehound.v1.TracehoundServiceOuterClass.GetConsistencyProofRequest request,
        io.grpc.stub.StreamObserver<tracehound.v1.TracehoundServiceOuterClass.GetConsistencyProofResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetConsistencyProofMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void getStats(tracehound.v1.TracehoundServiceOuterClass.GetStatsRequest request,
        io.grpc.stub.StreamObserver<tracehound.v1.TracehoundServiceOuterClass.GetStatsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetStatsMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service TracehoundService.
   * <pre>
   * The engine, served by tracehoundd.
   * </pre>
   */
  public static final class TracehoundServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<TracehoundServiceBlockingV2Stub> {
    private TracehoundServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected TracehoundServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new TracehoundServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Agrees on the schema version. A different major version fails with
     * FAILED_PRECONDITION naming both versions.
     * </pre>
     */
    public tracehound.v1.TracehoundServiceOuterClass.HandshakeResponse handshake(tracehound.v1.TracehoundServiceOuterClass.HandshakeRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getHandshakeMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Judges one scent. Engine outcomes, errors included, are verdicts.
     * </pre>
     */
    public tracehound.v1.TracehoundServiceOuterClass.InterceptResponse intercept(tracehound.v1.TracehoundServiceOuterClass.InterceptRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getInterceptMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Judges batches of scents on one long-lived stream; each response answers
     * the request at the same position (and carries its request_id), verdicts
     * in scent order. A request the unary call would refuse gets a response
     * with `error` set; the stream goes on.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<tracehound.v1.TracehoundServiceOuterClass.InterceptStreamRequest, tracehound.v1.TracehoundServiceOuterClass.InterceptStreamResponse>
        interceptStream() {
      return io.grpc.stub.ClientCalls.blockingBidiStreamingCall(
          getChannel(), getInterceptStreamMethod(), getCallOptions());
    }

    /**
     */
    public tracehound.v1.TracehoundServiceOuterClass.GetEvidenceResponse getEvidence(tracehound.v1.TracehoundServiceOuterClass.GetEvidenceRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetEvidenceMethod(), getCallOptions(), request);
    }

    /**
     */
    public tracehound.v1.TracehoundServiceOuterClass.ListQuarantineResponse listQuarantine(tracehound.v1.TracehoundServiceOuterClass.ListQuarantineRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListQuarantineMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Destroys quarantined evidence and appends an audit record.
     * </pre>
     */
    public tracehound.v1.TracehoundServiceOuterClass.NeutralizeResponse neutralize(tracehound.v1.TracehoundServiceOuterClass.NeutralizeRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getNeutralizeMethod(), getCallOptions(), request);
    }

    /**
     */
    public tracehound.v1.TracehoundServiceOuterClass.GetTreeHeadResponse getTreeHead(tracehound.v1.TracehoundServiceOuterClass.GetTreeHeadRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetTreeHeadMethod(), getCallOptions(), request);
    }

    /**
     */
    public tracehound.v1.TracehoundServiceOuterClass.GetInclusionProofResponse getInclusionProof(tracehound.v1.TracehoundServiceOuterClass.GetInclusionProofRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetInclusionProofMethod(), getCallOptions(), request);
    }

    /**
     */
    public tracehound.v1.TracehoundServiceOuterClass.GetConsistencyProofResponse getConsistencyProof(tracehound.v1.TracehoundServiceOuterClass.GetConsistencyProofRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetConsistencyProofMethod(), getCallOptions(), request);
    }

    /**
     */
    public tracehound.v1.TracehoundServiceOuterClass.GetStatsResponse getStats(tracehound.v1.TracehoundServiceOuterClass.GetStatsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetStatsMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service TracehoundService.
   * <pre>
   * The engine, served by tracehoundd.
   * </pre>
   */
  public static final class TracehoundServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<TracehoundServiceBlockingStub> {
    private TracehoundServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected TracehoundServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new TracehoundServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Agrees on the schema version. A different major version fails with
     * FAILED_PRECONDITION naming both versions.
     * </pre>
     */
    public tracehound.v1.TracehoundServiceOuterClass.HandshakeResponse handshake(tracehound.v1.TracehoundServiceOuterClass.HandshakeRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getHandshakeMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Judges one scent. Engine outcomes, errors included, are verdicts.
     * </pre>
     */
    public tracehound.v1.TracehoundServiceOuterClass.InterceptResponse intercept(tracehound.v1.TracehoundServiceOuterClass.InterceptRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getInterceptMethod(), getCallOptions(), request);
    }

    /**
     */
    public tracehound.v1.TracehoundServiceOuterClass.GetEvidenceResponse getEvidence(tracehound.v1.TracehoundServiceOuterClass.GetEvidenceRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetEvidenceMethod(), getCallOptions(), request);
    }

    /**
     */
    public tracehound.v1.TracehoundServiceOuterClass.ListQuarantineResponse listQuarantine(tracehound.v1.TracehoundServiceOuterClass.ListQuarantineRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListQuarantineMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Destroys quarantined evidence and appends an audit record.
     * </pre>
     */
    public tracehound.v1.TracehoundServiceOuterClass.NeutralizeResponse neutralize(tracehound.v1.TracehoundServiceOuterClass.NeutralizeRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getNeutralizeMethod(), getCallOptions(), request);
    }

    /**
     */
    public tracehound.v1.TracehoundServiceOuterClass.GetTreeHeadResponse getTreeHead(tracehound.v1.TracehoundServiceOuterClass.GetTreeHeadRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetTreeHeadMethod(), getCallOptions(), request);
    }

    /**
     */
    public tracehound.v1.TracehoundServiceOuterClass.GetInclusionProofResponse getInclusionProof(tracehound.v1.TracehoundServiceOuterClass.GetInclusionProofRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetInclusionProofMethod(), getCallOptions(), request);
    }

    /**
     */
    public tracehound.v1.TracehoundServiceOuterClass.GetConsistencyProofResponse getConsistencyProof(tracehound.v1.TracehoundServiceOuterClass.GetConsistencyProofRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetConsistencyProofMethod(), getCallOptions(), request);
    }

    /**
     */
    public tracehound.v1.TracehoundServiceOuterClass.GetStatsResponse getStats(tracehound.v1.TracehoundServiceOuterClass.GetStatsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetStatsMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service TracehoundService.
   * <pre>
   * The engine, served by tracehoundd.
   * </pre>
   */
  public static final class TracehoundServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<TracehoundServiceFutureStub> {
    private TracehoundServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected TracehoundServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new TracehoundServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Agrees on the schema version. A different major version fails with
     * FAILED_PRECONDITION naming both versions.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<tracehound.v1.TracehoundServiceOuterClass.HandshakeResponse> handshake(
        tracehound.v1.TracehoundServiceOuterClass.HandshakeRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getHandshakeMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Judges one scent. Engine outcomes, errors included, are verdicts.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<tracehound.v1.TracehoundServiceOuterClass.InterceptResponse> intercept(
        tracehound.v1.TracehoundServiceOuterClass.InterceptRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getInterceptMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<tracehound.v1.TracehoundServiceOuterClass.GetEvidenceResponse> getEvidence(
        tracehound.v1.TracehoundServiceOuterClass.GetEvidenceRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetEvidenceMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<tracehound.v1.TracehoundServiceOuterClass.ListQuarantineResponse> listQuarantine(
        tracehound.v1.TracehoundServiceOuterClass.ListQuarantineRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListQuarantineMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Destroys quarantined evidence and appends an audit record.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<tracehound.v1.TracehoundServiceOuterClass.NeutralizeResponse> neutralize(
        tracehound.v1.TracehoundServiceOuterClass.NeutralizeRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getNeutralizeMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<tracehound.v1.TracehoundServiceOuterClass.GetTreeHeadResponse> getTreeHead(
        tracehound.v1.TracehoundServiceOuterClass.GetTreeHeadRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetTreeHeadMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<tracehound.v1.TracehoundServiceOuterClass.GetInclusionProofResponse> getInclusionProof(
        tracehound.v1.TracehoundServiceOuterClass.GetInclusionProofRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetInclusionProofMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<tracehound.v1.TracehoundServiceOuterClass.GetConsistencyProofResponse> getConsistencyProof(
        tracehound.v1.TracehoundServiceOuterClass.GetConsistencyProofRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetConsistencyProofMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<tracehound.v1.TracehoundServiceOuterClass.GetStatsResponse> getStats(
        tracehound.v1.TracehoundServiceOuterClass.GetStatsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetStatsMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_HANDSHAKE = 0;
  private static final int METHODID_INTERCEPT = 1;
  private static final int METHODID_GET_EVIDENCE = 2;
  private static final int METHODID_LIST_QUARANTINE = 3;
  private static final int METHODID_NEUTRALIZE = 4;
  private static final int METHODID_GET_TREE_HEAD = 5;
  private static final int METHODID_GET_INCLUSION_PROOF = 6;
  private static final int METHODID_GET_CONSISTENCY_PROOF = 7;
  private static final int METHODID_GET_STATS = 8;
  private static final int METHODID_INTERCEPT_STREAM = 9;

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
        case METHODID_HANDSHAKE:
          serviceImpl.handshake((tracehound.v1.TracehoundServiceOuterClass.HandshakeRequest) request,
              (io.grpc.stub.StreamObserver<tracehound.v1.TracehoundServiceOuterClass.HandshakeResponse>) responseObserver);
          break;
        case METHODID_INTERCEPT:
          serviceImpl.intercept((tracehound.v1.TracehoundServiceOuterClass.InterceptRequest) request,
              (io.grpc.stub.StreamObserver<tracehound.v1.TracehoundServiceOuterClass.InterceptResponse>) responseObserver);
          break;
        case METHODID_GET_EVIDENCE:
          serviceImpl.getEvidence((tracehound.v1.TracehoundServiceOuterClass.GetEvidenceRequest) request,
              (io.grpc.stub.StreamObserver<tracehound.v1.TracehoundServiceOuterClass.GetEvidenceResponse>) responseObserver);
          break;
        case METHODID_LIST_QUARANTINE:
          serviceImpl.listQuarantine((tracehound.v1.TracehoundServiceOuterClass.ListQuarantineRequest) request,
              (io.grpc.stub.StreamObserver<tracehound.v1.TracehoundServiceOuterClass.ListQuarantineResponse>) responseObserver);
          break;
        case METHODID_NEUTRALIZE:
          serviceImpl.neutralize((tracehound.v1.TracehoundServiceOuterClass.NeutralizeRequest) request,
              (io.grpc.stub.StreamObserver<tracehound.v1.TracehoundServiceOuterClass.NeutralizeResponse>) responseObserver);
          break;
        case METHODID_GET_TREE_HEAD:
          serviceImpl.getTreeHead((tracehound.v1.TracehoundServiceOuterClass.GetTreeHeadRequest) request,
              (io.grpc.stub.StreamObserver<tracehound.v1.TracehoundServiceOuterClass.GetTreeHeadResponse>) responseObserver);
          break;
        case METHODID_GET_INCLUSION_PROOF:
          serviceImpl.getInclusionProof((tracehound.v1.TracehoundServiceOuterClass.GetInclusionProofRequest) request,
              (io.grpc.stub.StreamObserver<tracehound.v1.TracehoundServiceOuterClass.GetInclusionProofResponse>) responseObserver);
          break;
        case METHODID_GET_CONSISTENCY_PROOF:
          serviceImpl.getConsistencyProof((tracehound.v1.TracehoundServiceOuterClass.GetConsistencyProofRequest) request,
              (io.grpc.stub.StreamObserver<tracehound.v1.TracehoundServiceOuterClass.GetConsistencyProofResponse>) responseObserver);
          break;
        case METHODID_GET_STATS:
          serviceImpl.getStats((tracehound.v1.TracehoundServiceOuterClass.GetStatsRequest) request,
              (io.grpc.stub.StreamObserver<tracehound.v1.TracehoundServiceOuterClass.GetStatsResponse>) responseObserver);
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
        case METHODID_INTERCEPT_STREAM:
          return (io.grpc.stub.StreamObserver<Req>) serviceImpl.interceptStream(
              (io.grpc.stub.StreamObserver<tracehound.v1.TracehoundServiceOuterClass.InterceptStreamResponse>) responseObserver);
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getHandshakeMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              tracehound.v1.TracehoundServiceOuterClass.HandshakeRequest,
              tracehound.v1.TracehoundServiceOuterClass.HandshakeResponse>(
                service, METHODID_HANDSHAKE)))
        .addMethod(
          getInterceptMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              tracehound.v1.TracehoundServiceOuterClass.InterceptRequest,
              tracehound.v1.TracehoundServiceOuterClass.InterceptResponse>(
                service, METHODID_INTERCEPT)))
        .addMethod(
          getInterceptStreamMethod(),
          io.grpc.stub.ServerCalls.asyncBidiStreamingCall(
            new MethodHandlers<
              tracehound.v1.TracehoundServiceOuterClass.InterceptStreamRequest,
              tracehound.v1.TracehoundServiceOuterClass.InterceptStreamResponse>(
                service, METHODID_INTERCEPT_STREAM)))
        .addMethod(
          getGetEvidenceMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              tracehound.v1.TracehoundServiceOuterClass.GetEvidenceRequest,
              tracehound.v1.TracehoundServiceOuterClass.GetEvidenceResponse>(
                service, METHODID_GET_EVIDENCE)))
        .addMethod(
          getListQuarantineMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              tracehound.v1.TracehoundServiceOuterClass.ListQuarantineRequest,
              tracehound.v1.TracehoundServiceOuterClass.ListQuarantineResponse>(
                service, METHODID_LIST_QUARANTINE)))
        .addMethod(
          getNeutralizeMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              tracehound.v1.TracehoundServiceOuterClass.NeutralizeRequest,
              tracehound.v1.TracehoundServiceOuterClass.NeutralizeResponse>(
                service, METHODID_NEUTRALIZE)))
        .addMethod(
          getGetTreeHeadMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              tracehound.v1.TracehoundServiceOuterClass.GetTreeHeadRequest,
              tracehound.v1.TracehoundServiceOuterClass.GetTreeHeadResponse>(
                service, METHODID_GET_TREE_HEAD)))
        .addMethod(
          getGetInclusionProofMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              tracehound.v1.TracehoundServiceOuterClass.GetInclusionProofRequest,
              tracehound.v1.TracehoundServiceOuterClass.GetInclusionProofResponse>(
                service, METHODID_GET_INCLUSION_PROOF)))
        .addMethod(
          getGetConsistencyProofMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              tracehound.v1.TracehoundServiceOuterClass.GetConsistencyProofRequest,
              tracehound.v1.TracehoundServiceOuterClass.GetConsistencyProofResponse>(
                service, METHODID_GET_CONSISTENCY_PROOF)))
        .addMethod(
          getGetStatsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              tracehound.v1.TracehoundServiceOuterClass.GetStatsRequest,
              tracehound.v1.TracehoundServiceOuterClass.GetStatsResponse>(
                service, METHODID_GET_STATS)))
        .build();
  }

  private static abstract class TracehoundServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    TracehoundServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return tracehound.v1.TracehoundServiceOuterClass.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("TracehoundService");
    }
  }

  private static final class TracehoundServiceFileDescriptorSupplier
      extends TracehoundServiceBaseDescriptorSupplier {
    TracehoundServiceFileDescriptorSupplier() {}
  }

  private static final class TracehoundServiceMethodDescriptorSupplier
      extends TracehoundServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    TracehoundServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (TracehoundServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new TracehoundServiceFileDescriptorSupplier())
              .addMethod(getHandshakeMethod())
              .addMethod(getInterceptMethod())
              .addMethod(getInterceptStreamMethod())
              .addMethod(getGetEvidenceMethod())
              .addMethod(getListQuarantineMethod())
              .addMethod(getNeutralizeMethod())
              .addMethod(getGetTreeHeadMethod())
              .addMethod(getGetInclusionProofMethod())
              .addMethod(getGetConsistencyProofMethod())
              .addMethod(getGetStatsMethod())
              .build();
        }
      }
    }
    return result;
  }
}
