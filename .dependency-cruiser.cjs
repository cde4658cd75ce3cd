/**
 * The layering rules `npm run lint:deps` enforces (docs/architecture.md, "Layers"):
 * the engine in src/core is pure (no Node built-ins, nothing else of ours), and every other
 * folder reaches it only through its public index (src/core/index.ts, or the published
 * verification kernel src/core/kernel/index.ts). The daemon and the client share the wire
 * mapping (src/wire) and never import each other.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-imports-no-node',
      comment: 'src/core is pure: platform facilities come in through ports. Unit tests run in Node and may use it.',
      severity: 'error',
      from: { path: '^src/core/', pathNot: ['\\.test\\.ts$', '^src/core/ports/node-crypto\\.ts$'] },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-imports-nothing-of-ours',
      comment: 'src/core depends on no other folder of this repository (its unit tests may use test/ helpers).',
      severity: 'error',
      from: { path: '^src/core/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(src/(?!core/)|test/|bench/|conformance/|scripts/|tools/)' },
    },
    {
      name: 'core-only-through-its-index',
      comment: 'Outside src/core, import the engine from src/core/index.ts (or the kernel from src/core/kernel/index.ts).',
      severity: 'error',
      from: { pathNot: '^src/core/' },
      to: { path: '^src/core/', pathNot: '^src/core/(kernel/)?index\\.ts$' },
    },
    {
      name: 'server-and-client-apart',
      comment: 'The daemon and the client meet only in src/wire (the proto mapping) and the generated code.',
      severity: 'error',
      from: { path: '^src/(server|client)/' },
      to: { path: '^src/(server|client)/', pathNot: '^src/$1/' },
    },
    {
      name: 'wire-below-server-and-client',
      comment: 'src/wire maps proto to engine types; it depends on neither side that uses it.',
      severity: 'error',
      from: { path: '^src/wire/' },
      to: { path: '^src/(server|client|storage|cli)/' },
    },
  ],
  options: {
    parser: 'swc',
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|src/gen|sdks)/' },
    moduleSystems: ['es6'],
    tsConfig: { fileName: 'tsconfig.json' },
  },
}
