import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations for the test helpers and the console, generated from the committed schema
 * (`npm run codegen`). The outputs are committed, so a fresh clone runs the tests without a
 * generation step; `npm run codegen:check` and test/unit/codegen.test.ts fail when they are stale.
 */
const shared = {
  // String unions rather than TS enums: tests and the console pass enum values as plain strings.
  enumsAsTypes: true,
  useTypeImports: true,
  scalars: { DateTimeISO: 'string', MinorUnits: 'number', CurrencyCode: 'string' },
};

// typescript-operations emits the enums and input types the operations use by itself.
const plugins = ['typescript-operations', 'typed-document-node'];

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  overwrite: true,
  generates: {
    'test/generated/graphql.ts': { documents: 'test/operations/**/*.graphql', plugins, config: shared },
    'console/src/generated/graphql.ts': { documents: 'console/src/**/*.graphql', plugins, config: shared },
  },
};

export default config;
