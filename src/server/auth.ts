/** Bearer-token check for TCP listeners; the health service stays open for probes. */

import { timingSafeEqual } from 'node:crypto'
import { Code, ConnectError, type Interceptor } from '@connectrpc/connect'
import { Health } from '../gen/grpc/health/v1/health_pb.js'

/** Constant-time comparison of an Authorization header value with "Bearer <token>". */
export function bearerMatches(header: string | null | undefined, token: string): boolean {
  const expected = Buffer.from(`Bearer ${token}`)
  const given = Buffer.from(header ?? '')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

export function bearerAuth(token: string): Interceptor {
  return (next) => (req) => {
    if (req.service.typeName !== Health.typeName && !bearerMatches(req.header.get('authorization'), token)) {
      throw new ConnectError('missing or invalid bearer token', Code.Unauthenticated)
    }
    return next(req)
  }
}
