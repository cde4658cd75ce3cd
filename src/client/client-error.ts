/**
 * The errors the client makes itself (no verdict from the daemon). Their codes are the proto enum
 * tracehound.v1.ClientErrorCode, shared with every SDK; the string is the value's name.
 */

import { ClientErrorCode } from '../gen/tracehound/v1/client_error_pb.js'
import type { ClientVerdict, VerdictError } from './convert.js'

export { ClientErrorCode }

/** The code strings a client error carries: the names of ClientErrorCode values, such as DAEMON_UNAVAILABLE. */
export type ClientErrorCodeName = Exclude<keyof typeof ClientErrorCode, 'UNSPECIFIED'>

type Known = Exclude<ClientErrorCode, ClientErrorCode.UNSPECIFIED>

/** Where each code failed (v1's `state`) and whether retrying can help; exhaustive over the enum. */
const TRAITS: { readonly [C in Known]: { state: string; recoverable: boolean } } = {
  [ClientErrorCode.DAEMON_UNAVAILABLE]: { state: 'daemon', recoverable: true },
  [ClientErrorCode.SCENT_INVALID]: { state: 'scent', recoverable: false },
  [ClientErrorCode.CLIENT_UNKNOWN_VERDICT]: { state: 'client', recoverable: false },
  [ClientErrorCode.AGENT_SERIALIZATION_FAILED]: { state: 'agent', recoverable: false },
}

/** The string a client shows for `code`. */
export const clientErrorCodeName = (code: Known): ClientErrorCodeName => ClientErrorCode[code] as ClientErrorCodeName

/** The `error` of a verdict the client made itself. */
export function clientError(code: Known, message: string): VerdictError {
  const { state, recoverable } = TRAITS[code]
  return { state, code: clientErrorCodeName(code), message, recoverable }
}

/** An `error` verdict the client made itself. */
export const clientErrorVerdict = (code: Known, message: string): ClientVerdict & { status: 'error' } => ({
  status: 'error',
  error: clientError(code, message),
})
