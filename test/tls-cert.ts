/** A throwaway self-signed P-256 certificate for loopback TLS tests (openssl, valid one day). */

import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface TestCert {
  cert: string
  key: string
  /** The certificate itself, for clients to trust. */
  ca: Buffer
}

export function selfSignedCert(): TestCert {
  const dir = mkdtempSync(join(tmpdir(), 'th-tls-'))
  const [cert, key] = [join(dir, 'cert.pem'), join(dir, 'key.pem')]
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'pipe' },
  )
  return { cert, key, ca: readFileSync(cert) }
}
