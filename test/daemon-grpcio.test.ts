/**
 * tracehoundd with a real Python grpcio client, over unix: (which sends a
 * percent-encoded :authority that would crash a bare connect-node server) and TCP.
 * Needs .venv-ci (made by .ci/run); without it the test is reported SKIPPED.
 */

import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { create, fromBinary, toBinary, type DescMessage, type MessageInitShape } from '@bufbuild/protobuf'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  HealthCheckRequestSchema,
  HealthCheckResponseSchema,
  HealthCheckResponse_ServingStatus,
} from '../src/gen/grpc/health/v1/health_pb.js'
import {
  HandshakeRequestSchema,
  HandshakeResponseSchema,
  InterceptRequestSchema,
  InterceptResponseSchema,
} from '../src/gen/tracehound/v1/tracehound_service_pb.js'
import { canonicalBytes } from '../src/core/kernel/index.js'
import { Severity, ThreatCategory } from '../src/gen/tracehound/v1/scent_pb.js'
import { type RunningDaemon, startDaemonProcess } from './daemon-harness.js'

const ROOT = new URL('..', import.meta.url).pathname
const PYTHON = join(ROOT, '.venv-ci/bin/python')
const TOKEN = 'grpcio-token-0123456789'

function grpcioUnavailable(): string | undefined {
  if (!existsSync(PYTHON)) return '.venv-ci missing; .ci/run creates it (python3 -m venv .venv-ci && pip install grpcio)'
  const probe = spawnSync(PYTHON, ['-c', 'import grpc'], { encoding: 'utf8' })
  return probe.status === 0 ? undefined : `import grpc failed: ${probe.stderr.trim().split('\n').at(-1)}`
}
const skipReason = grpcioUnavailable()

interface Call<I extends DescMessage> {
  method: string
  input: I
  request: MessageInitShape<I>
  metadata?: [string, string][]
}

function grpcio(target: string, calls: Call<DescMessage>[]) {
  const stdin = JSON.stringify({
    target,
    calls: calls.map((c) => ({
      method: c.method,
      request_hex: Buffer.from(toBinary(c.input, create(c.input, c.request))).toString('hex'),
      metadata: c.metadata ?? [],
    })),
  })
  const out = execFileSync(PYTHON, [join(ROOT, 'test/grpcio-client.py')], { input: stdin, encoding: 'utf8', timeout: 30_000 })
  return (JSON.parse(out) as { code: string; response_hex: string; details: string }[]).map((r) => ({
    ...r,
    bytes: Buffer.from(r.response_hex, 'hex'),
  }))
}

const health: Call<DescMessage> = { method: '/grpc.health.v1.Health/Check', input: HealthCheckRequestSchema, request: {} }
const handshake = (schemaVersion: string, metadata?: [string, string][]): Call<DescMessage> => ({
  method: '/tracehound.v1.TracehoundService/Handshake',
  input: HandshakeRequestSchema,
  request: { clientName: 'grpcio', schemaVersion },
  ...(metadata && { metadata }),
})
const intercept = (id: string, metadata?: [string, string][]): Call<DescMessage> => ({
  method: '/tracehound.v1.TracehoundService/Intercept',
  input: InterceptRequestSchema,
  request: {
    scent: {
      id,
      source: `py-${id}`,
      timestampMs: 1n,
      payloadForm: { case: 'payloadCjson', value: canonicalBytes(`python ${id}`) },
      threat: { category: ThreatCategory.INJECTION, severity: Severity.MEDIUM },
    },
  },
  ...(metadata && { metadata }),
})

if (skipReason) {
  it.skip(`SKIPPED: python grpcio (${skipReason})`, () => undefined)
  console.warn(`SKIPPED: python grpcio (${skipReason})`)
} else {
  describe('tracehoundd with Python grpcio', () => {
    let d: RunningDaemon
    beforeAll(async () => {
      d = await startDaemonProcess(['--tcp', '127.0.0.1:0'], { TRACEHOUND_TOKEN: TOKEN })
    })
    afterAll(async () => {
      await d?.stop()
    })

    it('serves grpcio over unix: despite its percent-encoded :authority', () => {
      const [h, hs, v, skew] = grpcio(`unix:${d.socketPath}`, [health, handshake('1.0.0'), intercept('uds'), handshake('2.1.0')])
      expect(h?.code).toBe('OK')
      expect(fromBinary(HealthCheckResponseSchema, h!.bytes).status).toBe(HealthCheckResponse_ServingStatus.SERVING)
      expect(fromBinary(HandshakeResponseSchema, hs!.bytes).compatible).toBe(true)
      expect(fromBinary(InterceptResponseSchema, v!.bytes).verdict?.outcome.case).toBe('quarantined')
      expect(skew).toMatchObject({ code: 'FAILED_PRECONDITION' })
      expect(skew?.details).toMatch(/client 2\.1\.0, server 1\.0\.0/)
      expect(d.child.exitCode).toBeNull()
    })

    it('serves grpcio over TCP with the bearer token, and refuses it without', () => {
      const target = d.tcp!
      const [ok, denied] = grpcio(target, [intercept('tcp', [['authorization', `Bearer ${TOKEN}`]]), intercept('anon')])
      expect(fromBinary(InterceptResponseSchema, ok!.bytes).verdict?.outcome.case).toBe('quarantined')
      expect(denied).toMatchObject({ code: 'UNAUTHENTICATED' })
    })
  })
}
