#!/usr/bin/env node
/** tracehound: operator commands. Argument parsing only; the work is in src/storage. */

import { closeSync, openSync, readFileSync, writeSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Command, InvalidArgumentError, Option } from 'commander'
import { toHex } from '../core/index.js'
import { exportAudit, readAuditLog } from '../storage/audit-export.js'
import { verifyExport } from '../storage/audit-verify.js'
import { defaultDataDir } from '../storage/data-dir.js'
import { readHeadFile } from '../storage/trusted-head.js'
import { verifyLedgerFile } from '../storage/verify-ledger.js'

/** "kid:hex,kid:hex" (as TRACEHOUND_MAC_KEYS) or repeated flags. */
function macKeys(value: string, previous: Map<string, string> = new Map()): Map<string, string> {
  for (const entry of value.split(',').filter((e) => e.trim() !== '')) {
    const [kid = '', key = ''] = entry.trim().split(':')
    if (!kid || !/^[0-9a-fA-F]{32,}$/.test(key) || key.length % 2 !== 0)
      throw new InvalidArgumentError('expected kid:hex (at least 16 bytes)')
    previous.set(kid, key.toLowerCase())
  }
  return previous
}

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string }
const program = new Command('tracehound').description('Tracehound operator commands').version(version)
const audit = program.command('audit').description('the audit log in the evidence ledger')

audit
  .command('export')
  .description('write the audit log as JSON lines, each record with its inclusion proof against the stored tree head')
  .addOption(new Option('--data-dir <dir>', 'the daemon data directory').env('TRACEHOUND_DATA_DIR').default(defaultDataDir()))
  .option('-o, --output <file>', 'write here instead of stdout')
  .action((o: { dataDir: string; output?: string }) => {
    const fd = o.output ? openSync(o.output, 'w', 0o600) : 1
    try {
      const n = exportAudit(o.dataDir, (line) => writeSync(fd, `${line}\n`))
      process.stderr.write(`exported ${n} audit records from ${o.dataDir}\n`)
    } finally {
      if (fd !== 1) closeSync(fd)
    }
  })

audit
  .command('head')
  .description(
    'print the current signed tree head as JSON (save it: `audit verify --since` and `tracehoundd --trusted-head` check that the ledger extends it)',
  )
  .addOption(new Option('--data-dir <dir>', 'the daemon data directory').env('TRACEHOUND_DATA_DIR').default(defaultDataDir()))
  .action((o: { dataDir: string }) => {
    const { head, tree } = readAuditLog(o.dataDir)
    // Only a head the entries rebuild is printed: saving a head the log does not support would vouch for it.
    if (head && (head.treeSize !== tree.size || head.rootHash !== toHex(tree.root()))) {
      throw new Error(
        `the stored tree head (size ${head.treeSize}, root ${head.rootHash}) does not match the audit log (size ${tree.size}, root ${toHex(tree.root())}); run tracehoundd to see the integrity problems`,
      )
    }
    process.stdout.write(`${JSON.stringify(head ?? { treeSize: 0, rootHash: toHex(tree.root()), timestamp: 0 })}\n`)
  })

audit
  .command('verify')
  .description(
    'verify an export offline: entry schemas, hashes, chain, inclusion proofs, tree size, MACs when a key is given, and consistency with --since; or with --full the whole ledger in place',
  )
  .argument('[file]', 'a file written by `tracehound audit export`')
  .addOption(
    new Option('--mac-key <kid:hex>', 'MAC key to check record and tree-head MACs (repeatable)')
      .env('TRACEHOUND_MAC_KEYS')
      .argParser(macKeys),
  )
  .option(
    '--since <head.json>',
    'a tree head saved earlier (`audit head`, or a witness file): prove by consistency proof that the export extends it',
  )
  .option(
    '--full',
    'verify the ledger in --data-dir in full: every entry, MAC, stored Merkle node, the evidence set and the tree head (a start verifies only from its last checkpoint)',
  )
  .addOption(new Option('--data-dir <dir>', 'the daemon data directory (with --full)').env('TRACEHOUND_DATA_DIR').default(defaultDataDir()))
  .action((file: string | undefined, o: { macKey?: Map<string, string>; since?: string; full?: boolean; dataDir: string }) => {
    if (o.full) {
      verifyFull(o.dataDir, o.macKey)
      return
    }
    if (file === undefined) throw new Error('audit verify needs an export file, or --full')
    const report = verifyExport(readFileSync(file, 'utf8'), o.macKey, o.since === undefined ? undefined : readHeadFile(o.since))
    for (const p of report.problems) process.stdout.write(`FAIL line ${p.line} (${p.id}): ${p.detail}\n`)
    const macs =
      report.macsChecked.length > 0 ? `MACs verified with ${report.macsChecked.join(', ')}` : 'MACs not checked (no matching --mac-key)'
    if (report.problems.length > 0) {
      process.stdout.write(`${file}: ${report.problems.length} problem(s) in ${report.records} records\n`)
      process.exitCode = 1
      return
    }
    const extended = report.extends ? `; extends the head of size ${report.extends.treeSize} (consistency proof verified)` : ''
    process.stdout.write(
      `${file}: OK, ${report.records} entries, tree size ${report.treeSize}, root ${report.rootHash}; ${macs}${extended}\n`,
    )
  })

/** `audit verify --full`: progress on stderr when it is a terminal, problems and a summary on stdout. */
function verifyFull(dataDir: string, keys: Map<string, string> = new Map()) {
  const tty = process.stderr.isTTY
  const started = Date.now()
  const v = verifyLedgerFile(dataDir, {
    macKeys: [...keys].map(([kid, key]) => ({ kid, key })),
    ...(tty && {
      onProgress: (done: number, total: number) =>
        process.stderr.write(`\rverified ${done} of ${total} entries (${total > 0 ? Math.floor((done / total) * 100) : 100}%)`),
    }),
  })
  if (tty) process.stderr.write('\n')
  for (const p of v.problems) process.stdout.write(`FAIL ${p.kind} (${p.id}): ${p.detail}\n`)
  const what = `${v.entries} entries, ${v.evidenceRows} evidence rows, in ${Date.now() - started} ms`
  if (v.problems.length > 0) {
    process.stdout.write(`${dataDir}: ${v.problems.length} problem(s); ${what}\n`)
    process.exitCode = 1
    return
  }
  process.stdout.write(`${dataDir}: OK, ${what}; ${keys.size > 0 ? 'MACs verified' : 'MACs not checked (no --mac-key)'}\n`)
}

program.parseAsync().catch((e: Error) => {
  process.stderr.write(`tracehound: ${e.message}\n`)
  process.exit(1)
})
