/**
 * The floor several benches measure beside tracehoundd: the bare node:http2 echo of
 * bench/daemon.ts (`--serve http2-echo`), started as a child process, and a client of it through
 * the TS client's own transport (unary calls straight onto the HTTP/2 session).
 */

import { type ChildProcess, spawn } from 'node:child_process'
import { connect } from 'node:net'
import { createInterface } from 'node:readline'
import { createClient } from '@connectrpc/connect'
import { createGrpcTransport, Http2SessionManager } from '@connectrpc/connect-node'
import { createGrpcUnaryTransport } from '../src/client/index.js'
import { TracehoundService } from '../src/gen/tracehound/v1/tracehound_service_pb.js'

const ROOT = new URL('..', import.meta.url).pathname

/** Starts a server script under tsx and waits for its "listening" log line. */
export async function startServerScript(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env })
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)))
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.includes('"listening"')) resolve()
    })
  })
  return child
}

/** The echo on a Unix socket. */
export const startEcho = (socket: string) => startServerScript(['bench/daemon.ts', '--serve', 'http2-echo', socket])

/** A TracehoundService client over a Unix socket, through the TS client's transport; close() ends its session. */
export function echoClient(socket: string) {
  const sessionManager = new Http2SessionManager('http://localhost', {}, { createConnection: () => connect(socket) })
  const streams = createGrpcTransport({ baseUrl: 'http://localhost', sessionManager })
  return {
    client: createClient(TracehoundService, createGrpcUnaryTransport({ sessionManager, streams })),
    close: () => sessionManager.abort(),
  }
}
