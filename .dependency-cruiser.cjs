/**
 * Dependency rules of Zhongcao (issue 13, item 3), checked by `npm run lint` (`npm run lint:deps`).
 *
 * Layers, from the bottom up:
 * - src/common/  pure helpers (errors, validation, pagination...): imports nothing else of src/.
 * - src/db/      the driver, Cypher files and migrations (no rule of its own yet).
 * - src/request/ the request scope (request id, DbScope, viewer, loaders): only src/db and src/common.
 * - src/events/  the pub/sub bus and its event payloads. Features publish through it and the server
 *                subscribes through it, so it sits below both: only src/common, src/db and src/request.
 * - features     every other folder of src/ (accounts, content, groups...): never src/server/, nor the
 *                other top modules below.
 * - src/server/, src/app/ (composition root), src/jobs/ and src/main.ts: the top; they may import anything.
 *   Jobs are command-line entry points, like main.ts.
 * No import cycles anywhere, type-only imports included (`tsPreCompilationDeps`), in src/ or console/src/.
 *
 * The console has its own tsconfig, so `npm run lint:deps` checks it in a second run with
 * .dependency-cruiser.console.cjs, which extends this file.
 */

/** Folders of src/ that are not feature folders. */
const NOT_FEATURES = ['server', 'common', 'db', 'request', 'app', 'jobs', 'events'];
const FEATURE = '^src/[^/]+/';
const NOT_A_FEATURE = `^src/(?:${NOT_FEATURES.join('|')})/`;
/** The top of the graph: what only entry points and the composition root may import. */
const TOP = ['^src/server/', '^src/app/', '^src/jobs/', '^src/main[.]ts$'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'This import closes a cycle (type-only imports count). Break it by moving what both sides need ' +
        'into a module that depends on neither, or by passing it in (see issue 13).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'feature-not-to-server',
      severity: 'error',
      comment:
        'A feature folder imports from src/server/ (or the composition root, a job, main.ts). Features sit ' +
        'below the server: take the request scope from src/request/ and other domains through constructor ' +
        'parameters instead.',
      from: { path: FEATURE, pathNot: NOT_A_FEATURE },
      to: { path: TOP },
    },
    {
      name: 'common-not-to-feature',
      severity: 'error',
      comment: 'src/common/ is the bottom layer: it imports no feature, nor anything else of src/.',
      from: { path: '^src/common/' },
      to: { path: '^src/', pathNot: '^src/common/' },
    },
    {
      name: 'request-only-to-db-and-common',
      severity: 'error',
      comment: 'The request scope is below every feature: it may import only src/db/, src/common/ and libraries.',
      from: { path: '^src/request/' },
      to: { path: '^src/', pathNot: '^src/(?:request|db|common)/' },
    },
    {
      name: 'events-not-to-feature',
      severity: 'error',
      comment:
        'src/events/ sits below the features that publish and the server that subscribes: it may import ' +
        'src/common/, src/db/, src/request/ and libraries, never a feature or the server.',
      from: { path: '^src/events/' },
      to: { path: '^src/', pathNot: '^src/(?:events|common|db|request)/' },
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment: 'Nothing imports this module: use it or remove it (entry points are listed in this rule).',
      from: {
        orphan: true,
        pathNot: ['[.]d[.]ts$', '^src/main[.]ts$', '^src/jobs/', '^console/src/main[.]tsx$'],
      },
      to: {},
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'This import resolves to no file: fix the path, or add the package to package.json.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-non-package-json',
      severity: 'error',
      comment: "This imports a package that package.json does not declare: declare it (npm won't install it otherwise).",
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'no-deprecated-core',
      severity: 'error',
      comment: 'This imports a deprecated Node core module.',
      from: {},
      to: { dependencyTypes: ['core'], path: '^(?:punycode|domain|constants|sys|_linklist|_stream_wrap)$' },
    },
    {
      name: 'not-to-dev-dep',
      severity: 'error',
      comment:
        'Server code (outside src/jobs/) imports a devDependency, which a production install (npm ci --omit=dev) ' +
        'lacks: move the package to dependencies.',
      from: { path: '^src/', pathNot: '^src/jobs/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'], pathNot: 'node_modules/@types/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are dependencies too: the 13-file cycle runs through `import type`.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      archi: { collapsePattern: '^(?:src|console/src)/[^/]+' },
    },
  },
};
