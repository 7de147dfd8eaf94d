/**
 * The unit tests alone, with no database: no global setup (which would start or migrate a Neo4j),
 * so `npm run test:unit` passes on a machine without one. `npm test` still runs them with the rest.
 */
// jest loads its config as CommonJS; sharing the base config keeps the transform in one place.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test/unit'],
  globalSetup: undefined,
  globalTeardown: undefined,
};
