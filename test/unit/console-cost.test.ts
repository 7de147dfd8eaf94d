import fs from 'node:fs';
import path from 'node:path';
import { formatDocument } from '@urql/core';
import { buildSchema, Kind, parse, specifiedRules, validate, visit, type ASTNode, type DocumentNode } from 'graphql';
import { costLimitRule } from '../../src/server/limits';

const root = path.join(__dirname, '..', '..');
const schema = buildSchema(fs.readFileSync(path.join(root, 'schema', 'schema.graphql'), 'utf8'));

function graphqlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? graphqlFiles(full) : entry.name.endsWith('.graphql') ? [full] : [];
  });
}

// The console's operations as urql sends them: urql adds __typename to every selection set, which
// the cost limit counts like any field, so an operation that fits only without them (the referral
// tree's page of 400 links did) fails in the browser and nowhere else.
// Each is sent with the fragments it spreads, as the generated document carries them.
const operations = graphqlFiles(path.join(root, 'console', 'src')).flatMap((file) => {
  const { definitions } = parse(fs.readFileSync(file, 'utf8'));
  const fragments = new Map(definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const spread = (node: ASTNode, found = new Set<string>()): Set<string> => {
    visit(node, {
      FragmentSpread(s) {
        if (found.has(s.name.value) || !fragments.has(s.name.value)) return;
        found.add(s.name.value);
        spread(fragments.get(s.name.value)!, found);
      },
    });
    return found;
  };
  return definitions.flatMap((definition) =>
    definition.kind === Kind.OPERATION_DEFINITION
      ? [[`${path.basename(file)} ${definition.name?.value ?? '(anonymous)'}`, { kind: Kind.DOCUMENT, definitions: [definition, ...[...spread(definition)].map((name) => fragments.get(name)!)] } as DocumentNode] as const]
      : [],
  );
});

test.each(operations)('the console operation %s, as urql sends it, passes validation and the cost limit', (_name, document) => {
  const sent = formatDocument(document);
  // Without variables every page counts at its default; with them, as the console sends them (none sends a page variable).
  const errors = validate(schema, sent, [...specifiedRules, costLimitRule(), costLimitRule({})]);
  expect(errors.map((e) => e.message)).toEqual([]);
});
