// Import rules for mx-sim (docs/architecture.md draws them): imports point one way, downwards.
// `npm test` runs `npm run deps`, which fails on any edge below.

/** Server layers from top to bottom; a module may import its own layer or any layer below it. */
const SERVER_LAYERS = [
  ['main', '^src/server/(main|http-server)\\.ts$'],
  ['app', '^src/server/(app|version-app|worlds|state-file)\\.ts$'],
  ['http', '^src/server/(middleware|routes)/'],
  ['subscribers', '^src/server/(webhooks|watch)/'],
  ['layers', '^src/server/layers/'],
  ['wire', '^src/server/(presenters|schemas)/'],
  ['domain', '^src/server/domain/'],
  ['store', '^src/server/store/'],
  ['engine+generators', '^src/server/(engine|generators)/'],
  ['leaf', '^src/server/(clock|errors|pagination)\\.ts$'],
];

const layerRules = SERVER_LAYERS.slice(1).map(([name, path], i) => ({
  name: `layer-${name}`,
  comment: `${name} must not import the layers above it (${SERVER_LAYERS.slice(0, i + 1)
    .map(([n]) => n)
    .join(', ')})`,
  severity: 'error',
  from: { path },
  to: { path: SERVER_LAYERS.slice(0, i + 1).map(([, p]) => p) },
}));

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'No import cycles.', from: {}, to: { circular: true } },
    ...layerRules,
    {
      name: 'engine-is-pure',
      comment: 'The lifecycle engine is pure: no generators, store, domain, webhooks or HTTP.',
      severity: 'error',
      from: { path: '^src/server/engine/' },
      to: { path: '^src/server/(?!engine/|clock\\.ts|errors\\.ts)' },
    },
    {
      name: 'generators-are-pure',
      comment: 'Seeded generators read nothing stateful: only the engine, leaf modules and each other.',
      severity: 'error',
      from: { path: '^src/server/generators/' },
      to: { path: '^src/server/(?!generators/|engine/|clock\\.ts|errors\\.ts)' },
    },
    {
      name: 'server-not-to-client',
      comment: 'The server never imports the reference client.',
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: '^src/client/' },
    },
    {
      name: 'contract-stands-alone',
      comment: 'Contract validation is shared by the server watch and the client: it imports neither.',
      severity: 'error',
      from: { path: '^src/contract/' },
      to: { path: '^src/(server|client|scenarios)/' },
    },
    {
      name: 'scenarios-are-the-file-format',
      comment: 'src/scenarios is the file format (schema, load, built-ins): it imports only MX vocabulary.',
      severity: 'error',
      from: { path: '^src/scenarios/' },
      to: { path: '^src/(server|client|contract)/' },
    },
    {
      name: 'mx-vocabulary-is-a-leaf',
      comment: 'src/mx holds MX names and enums only.',
      severity: 'error',
      from: { path: '^src/mx/' },
      to: { path: '^src/(?!mx/)' },
    },
    {
      name: 'entry-points-on-top',
      comment:
        "The package's entry modules (src/index.ts, src/testing, src/msw) only re-export and wrap: nothing under them imports them.",
      severity: 'error',
      from: { path: '^src/(server|client|contract|scenarios|mx)/' },
      to: { path: '^src/(index\\.ts$|testing/|msw/)' },
    },
    {
      name: 'msw-only-in-its-entry',
      comment: 'msw is an optional peer dependency: only mx-sim/msw (src/msw) may import it.',
      severity: 'error',
      from: { path: '^src/(?!msw/)' },
      to: { path: 'node_modules/msw/' },
    },
    {
      name: 'src-not-to-tests',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench|scripts)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/client/generated/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
