/**
 * connect-node reports some faults of the client's own making as server faults: an undecodable
 * protobuf message (bad bytes, invalid UTF-8, nesting past the decoder's limit) as INTERNAL, a
 * unary call with no or two messages as UNIMPLEMENTED. Each is malformed input, so each becomes
 * INVALID_ARGUMENT, with connect's reason kept, the same on gRPC, gRPC-Web and Connect.
 */

import { Code } from '@connectrpc/connect'
import { encodeEnvelope, type UniversalServerResponse } from '@connectrpc/connect/protocol'
import type { Protocol } from './refuse.js'

const CLIENT_FAULTS: { code: Code; prefix: RegExp }[] = [
  { code: Code.Internal, prefix: /^parse binary: / },
  { code: Code.Unimplemented, prefix: /^protocol error: (?:missing|received extra) input message/ },
]

const isClientFault = (code: Code, message: string) => CLIENT_FAULTS.some((f) => f.code === code && f.prefix.test(message))

const CONNECT_NAMES: Partial<Record<string, Code>> = { internal: Code.Internal, unimplemented: Code.Unimplemented }

/** The gRPC status pair in a header set (trailers, or headers of a trailers-only answer). */
function fixGrpcHeaders(h: Headers | undefined): void {
  const status = h?.get('grpc-status')
  if (!h || status === null || status === undefined) return
  if (isClientFault(Number(status), decodeURIComponent(h.get('grpc-message') ?? ''))) h.set('grpc-status', String(Code.InvalidArgument))
}

const utf8 = new TextDecoder()
const encoder = new TextEncoder()

/** gRPC-Web's trailer envelope (flag 0x80), uncompressed: "grpc-status: 13\r\ngrpc-message: …". */
function fixGrpcWebTrailer(chunk: Uint8Array): Uint8Array {
  const text = utf8.decode(chunk.subarray(5))
  const status = /^grpc-status:\s*(\d+)\s*$/im.exec(text)?.[1]
  const message = /^grpc-message:\s*(.*?)\s*$/im.exec(text)?.[1] ?? ''
  if (status === undefined || !isClientFault(Number(status), decodeURIComponent(message))) return chunk
  return encodeEnvelope(chunk[0]!, encoder.encode(text.replace(/^(grpc-status:\s*)\d+/im, `$1${Code.InvalidArgument}`)))
}

/** Connect's end-of-stream envelope (flag 0x02), uncompressed: {"error": {"code": "internal", …}}. */
function fixConnectEndStream(chunk: Uint8Array): Uint8Array {
  try {
    const end = JSON.parse(utf8.decode(chunk.subarray(5))) as { error?: { code?: string; message?: string } }
    const code = CONNECT_NAMES[end.error?.code ?? '']
    if (code === undefined || !isClientFault(code, end.error?.message ?? '')) return chunk
    end.error!.code = 'invalid_argument'
    return encodeEnvelope(chunk[0]!, encoder.encode(JSON.stringify(end)))
  } catch {
    return chunk
  }
}

async function* mapLastEnvelope(body: AsyncIterable<Uint8Array>, flag: number, fix: (c: Uint8Array) => Uint8Array, after?: () => void) {
  // connect-node yields one envelope per chunk; a compressed one (flag 0x01) is left alone.
  for await (const chunk of body) yield chunk.length >= 5 && chunk[0]! & flag && !(chunk[0]! & 1) ? fix(chunk) : chunk
  after?.()
}

/** The response with client faults reported as INVALID_ARGUMENT. */
export async function withClientFaults(res: UniversalServerResponse, protocol: Protocol): Promise<UniversalServerResponse> {
  const body = res.body as AsyncIterable<Uint8Array> | undefined
  switch (protocol) {
    case 'grpc': {
      fixGrpcHeaders(res.header)
      // The trailer is filled in when the body ends, before the adapter writes it.
      const after = () => fixGrpcHeaders(res.trailer)
      return body ? { ...res, body: mapLastEnvelope(body, 0, (c) => c, after) } : (after(), res)
    }
    case 'grpc-web':
      return body ? { ...res, body: mapLastEnvelope(body, 0x80, fixGrpcWebTrailer) } : res
    case 'connect-stream':
      return body ? { ...res, body: mapLastEnvelope(body, 0x02, fixConnectEndStream) } : res
    case 'connect': {
      if (res.status < 400 || !body) return res
      // A unary error is one small JSON object; read it to rewrite code and status together.
      const chunks: Uint8Array[] = []
      for await (const c of body) chunks.push(c)
      const bytes = Buffer.concat(chunks)
      try {
        const err = JSON.parse(bytes.toString('utf8')) as { code?: string; message?: string }
        const code = CONNECT_NAMES[err.code ?? '']
        if (code !== undefined && isClientFault(code, err.message ?? '')) {
          const fixed = encoder.encode(JSON.stringify({ ...err, code: 'invalid_argument' }))
          const header = new Headers(res.header)
          header.set('content-length', String(fixed.length))
          return {
            ...res,
            status: 400,
            header,
            body: (async function* () {
              yield fixed
            })(),
          }
        }
      } catch {
        // Not JSON (compressed): as connect wrote it.
      }
      return {
        ...res,
        body: (async function* () {
          yield bytes
        })(),
      }
    }
    case 'http':
      return res
  }
}
