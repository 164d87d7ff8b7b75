// The import rules between the rooms of src/ (docs: CONTRIBUTING.md, design notes). Checked by
// `npm run check:imports` and by test/house/imports.test.ts, so `npm test` fails on a violation.
// Type-only imports count: a cycle through types is still two modules that cannot be read apart.

/** Modules that talk to the network or the file system. */
const IO = '^(node:)?(http|https|http2|net|tls|dgram|dns|fs|fs/promises|child_process)$|node_modules/undici/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment: 'Two modules that import each other cannot be understood, tested or moved apart.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycle',
      severity: 'error',
      comment: 'Folders are layers: when a folder reaches back into one that imports it, the layers are one.',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    {
      name: 'graph-knows-no-graphql',
      severity: 'error',
      comment: 'The Graph client speaks HTTP and OData; GraphQL and Apollo belong to the layers above it.',
      from: { path: '^src/graph/' },
      to: { path: 'node_modules/(graphql|@apollo/[^/]+)/' },
    },
    {
      name: 'mapping-does-no-io',
      severity: 'error',
      comment: 'mapping/ is pure: Graph JSON in, GraphQL shape out, and back.',
      from: { path: '^src/mapping/' },
      to: { path: IO },
    },
    {
      name: 'resolvers-call-the-graph-client',
      severity: 'error',
      comment: 'A resolver unpacks, calls the Graph client and maps; HTTP to Graph is the client\'s job.',
      from: { path: '^src/resolvers/' },
      to: { path: 'node_modules/undici/' },
    },
    {
      name: 'emulator-only-for-dev',
      severity: 'error',
      comment: 'The emulator is not part of the production gateway; only `npm run dev` (and tests) start it.',
      from: { path: '^src/', pathNot: '^src/(dev|emulator)/' },
      to: { path: '^src/emulator/' },
    },
    {
      // Fails until the emulator's own config and DateTimeOffset check land (issue 9, emulator branch).
      name: 'emulator-stands-alone',
      severity: 'error',
      comment: 'A fake Graph must not share code with the system it checks, or it would agree with its bugs.',
      from: { path: '^src/emulator/' },
      to: { path: '^src/', pathNot: '^src/emulator/' },
    },
    {
      name: 'dev-stays-out-of-production',
      severity: 'error',
      comment: 'dev/ is not in the production build (tsconfig.build.json), so nothing there may be imported by it.',
      from: { path: '^src/', pathNot: '^src/dev/' },
      to: { path: '^src/dev/' },
    },
    {
      name: 'lower-layers-never-import-upper',
      severity: 'error',
      comment: 'Nothing calls back up the chain: the Graph client, mapping and observability know no server, plugin or resolver.',
      from: { path: '^src/(graph|mapping|observability)/' },
      to: { path: '^src/(server|plugins|resolvers|dev)/|^src/[^/]+$' },
    },
    {
      // dependency-cruiser counts src/ as the sum of its folders, so `no-folder-cycle` cannot see the
      // core files at the top of src/ as a layer of their own: this is their folder rule.
      name: 'core-never-imports-up',
      severity: 'error',
      comment: 'The core (config, context, errors) sits below the server and its plugins; only the entry and the schema assemble the rooms.',
      from: { path: '^src/[^/]+$', pathNot: '^src/(main|schema)[.]ts$' },
      to: { path: '^src/(server|plugins|resolvers|dev)/' },
    },
    {
      name: 'no-unresolvable-import',
      severity: 'error',
      comment: 'An import that resolves to nothing fails at run time.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
