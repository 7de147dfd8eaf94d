import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { buildSchema, parse, validate } from 'graphql';
import { CostCache, costLimitRule, pageVariablesOf } from '../../src/server/limits';

const schema = buildSchema(readFileSync(join(__dirname, '../../schema/schema.graphql'), 'utf8'));
const hash = (text: string) => createHash('sha256').update(text).digest('hex');

/** What the cache answers for a request, as the client would see it. */
function check(cache: CostCache, text: string, variables: Record<string, unknown>) {
  return cache.check(schema, parse(text), hash(text), variables).map((e) => ({ message: e.message, extensions: e.extensions }));
}

/** What validating with the variables answers, with no cache: the reference. */
function uncached(text: string, variables: Record<string, unknown>) {
  return validate(schema, parse(text), [costLimitRule(variables)]).map((e) => ({ message: e.message, extensions: e.extensions }));
}

const FOLLOWERS = `query($n: Int, $after: String) { users(first: $n, after: $after) { nodes { followers(first: 100) { nodes { id handle followerCount } } } } }`;
const DEFAULTED = `query($n: Int = 100) { users(first: $n) { nodes { followers(first: 100) { nodes { id handle followerCount } } } } }`;
const FRAGMENT = `query($n: Int, $m: Int) { users(first: $n) { nodes { ...F } } } fragment F on User { followers(first: $m) { nodes { id handle } } }`;

describe('the cost of a repeated document', () => {
  test('is still priced by its page sizes: first 100 refused, first 1 served, whatever came before', () => {
    const cache = new CostCache();
    for (let round = 0; round < 2; round++) {
      expect(check(cache, FOLLOWERS, { n: 100 })[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', maxComplexity: 20000 });
      expect(check(cache, FOLLOWERS, { n: 1 })).toEqual([]);
    }
  });

  test('a variable left out takes its default, and a variable sent wins over it', () => {
    const cache = new CostCache();
    expect(check(cache, DEFAULTED, {})[0]?.extensions).toMatchObject({ maxComplexity: 20000 });
    expect(check(cache, DEFAULTED, { n: 1 })).toEqual([]);
    expect(check(cache, DEFAULTED, {})[0]?.extensions).toMatchObject({ maxComplexity: 20000 });
  });

  test('answers exactly what validating with the variables answers, for every mix of page sizes, cursors and order', () => {
    const cache = new CostCache();
    const cases: [string, Record<string, unknown>][] = [];
    for (const n of [1, 5, 50, 100, 201, undefined, null, 'x'])
      for (const after of [undefined, 'c1', 'c2']) {
        cases.push([FOLLOWERS, { n, after }], [DEFAULTED, { n }]);
        for (const m of [1, 100, undefined]) cases.push([FRAGMENT, { n, m }]);
      }
    // Twice, the second time in reverse, so most answers come from entries others made.
    for (const [text, variables] of [...cases, ...[...cases].reverse()]) expect(check(cache, text, variables)).toEqual(uncached(text, variables));
  });

  test('depends only on the variables given as page sizes, in fragments too', () => {
    expect(pageVariablesOf(parse(FOLLOWERS))).toEqual(['n']);
    expect(pageVariablesOf(parse(FRAGMENT))).toEqual(['m', 'n']);
  });
});
