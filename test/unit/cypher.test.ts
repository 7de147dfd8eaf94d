import { readdirSync } from 'node:fs';
import { composeCypher, cypher, CYPHER_DIR, CypherReader } from '../../src/db/cypher';

/** A cypher/ folder in memory: name → file text; a name it lacks reads as a missing file. */
function folder(files: Record<string, string>): CypherReader {
  return (name) => {
    const text = files[name];
    if (text === undefined) throw new Error(`ENOENT: no such file, open 'cypher/${name}.cypher'`);
    return text;
  };
}

describe('Cypher fragments', () => {
  test('a query includes a fragment without its header comment, indented like the marker line', () => {
    const read = folder({
      'users/by-id': 'MATCH (u:User {id: $id})\nRETURN u {\n  {{> fragments/user}}\n} AS user\n',
      'fragments/user': '// A user record.\n// Second line of its documentation.\n.id, .handle,\nnoteCount: coalesce({{u}}.noteCount, 0)\n',
    });
    expect(composeCypher('users/by-id', read)).toBe('MATCH (u:User {id: $id})\nRETURN u {\n  .id, .handle,\n  noteCount: coalesce(u.noteCount, 0)\n} AS user\n');
  });

  test('comments in a fragment are left out, so one inlined mid-line cannot swallow the rest of the line', () => {
    const read = folder({
      'users/by-id': "RETURN u { {{> fragments/user}} } AS user",
      'fragments/user': "// A user record.\n.id, // the UUID\n.url /* http://, kept below */, link: 'http://x'\n",
    });
    expect(composeCypher('users/by-id', read)).toBe("RETURN u { .id,\n.url , link: 'http://x' } AS user");
  });

  test('an includer renames the variables a fragment works on, and the others keep their names', () => {
    const read = folder({
      'feeds/page': 'RETURN {{> fragments/relation u=author}}',
      'fragments/relation': 'EXISTS { ({{viewer}})-[:FOLLOWS]->({{u}}) }',
    });
    expect(composeCypher('feeds/page', read)).toBe('RETURN EXISTS { (viewer)-[:FOLLOWS]->(author) }');
  });

  test('nested fragments are included, with renames passed down', () => {
    const read = folder({
      'feeds/page': 'RETURN { {{> fragments/outer x=author}} } AS row',
      'fragments/outer': 'name: {{x}}.name, {{> fragments/inner y={{x}}}}',
      'fragments/inner': 'age: {{y}}.age',
    });
    expect(composeCypher('feeds/page', read)).toBe('RETURN { name: author.name, age: author.age } AS row');
  });

  test('"as columns" returns a fragment of map entries as columns, ignoring commas inside brackets, strings and comments', () => {
    const read = folder({
      'groups/standing': 'RETURN id,\n       {{> fragments/standing as columns}}',
      'fragments/standing': "role: head([(v)-[m:MEMBER_OF {role: 'OWNER'}]->(g) | m.role]), // the role, if any\nnote: 'a, b',\nbanned: EXISTS { (v)-[:BANNED_FROM]->(g) }",
    });
    expect(composeCypher('groups/standing', read)).toBe(
      "RETURN id,\n       head([(v)-[m:MEMBER_OF {role: 'OWNER'}]->(g) | m.role]) AS role,\n       'a, b' AS note,\n       EXISTS { (v)-[:BANNED_FROM]->(g) } AS banned",
    );
  });

  test('a missing fragment names the query that includes it', () => {
    const read = folder({ 'feeds/page': 'RETURN {\n  {{> fragments/outer}}\n}', 'fragments/outer': 'a: 1, {{> fragments/gone}}' });
    expect(() => composeCypher('feeds/page', read)).toThrow(/^cypher\/feeds\/page → fragments\/outer → fragments\/gone: is missing/);
  });

  test('a fragment that includes itself, directly or through another, is refused', () => {
    const direct = folder({ 'q/direct': '{{> fragments/loop}}', 'fragments/loop': 'a: 1, {{> fragments/loop}}' });
    expect(() => composeCypher('q/direct', direct)).toThrow('cypher/q/direct → fragments/loop → fragments/loop: includes itself');
    const indirect = folder({ 'q/indirect': '{{> fragments/a}}', 'fragments/a': '{{> fragments/b}}', 'fragments/b': '{{> fragments/a}}' });
    expect(() => composeCypher('q/indirect', indirect)).toThrow('cypher/q/indirect → fragments/a → fragments/b → fragments/a: includes itself');
  });

  test.each([
    ['an include outside cypher/fragments/', { 'q/x': '{{> accounts/users-by-ids}}' }, /must name a fragment under cypher\/fragments\//],
    ['a rename the fragment has no placeholder for', { 'q/x': '{{> fragments/f w=author}}', 'fragments/f': 'a: {{u}}.a' }, /is given w=author, but has no \{\{w\}\}/],
    ['a malformed rename', { 'q/x': '{{> fragments/f u=}}', 'fragments/f': 'a: {{u}}.a' }, /"u=" in .* is neither variable=identifier nor a final "as columns"/],
    ['a placeholder in a query', { 'q/x': 'RETURN {{u}}' }, /has the placeholder \{\{u\}\}, but only fragments take variables/],
    ['a marker in a comment', { 'q/x': '// built from {{> fragments/f}}\nRETURN 1', 'fragments/f': 'a: 1' }, /has "\{\{> fragments\/f\}\}" in a comment/],
    ['a malformed marker', { 'q/x': 'RETURN {{ > fragments/f}}' }, /has a malformed \{\{ marker/],
    ['a shorthand property returned as a column', { 'q/x': 'RETURN {{> fragments/f as columns}}', 'fragments/f': '.id, a: 1' }, /cannot be returned as columns: "\.id"/],
  ])('%s is refused', (_case, files, message) => {
    expect(() => composeCypher('q/x', folder(files))).toThrow(message);
  });

  test('every query in cypher/ composes, with no marker left', () => {
    // What start-up does for the queries repositories load, here for every file: a broken include fails the unit run.
    const queries = readdirSync(CYPHER_DIR, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.cypher') && !file.startsWith('fragments/') && !file.startsWith('migrations/'))
      .map((file) => cypher(file.slice(0, -'.cypher'.length)));
    expect(queries.length).toBeGreaterThan(200);
    for (const query of queries) expect(query.text).not.toContain('{{');
    expect(cypher('content/comments-page').text).toContain('noteCount: coalesce(author.noteCount, 0)');
    expect(cypher('social/relations-to-viewer').text).toContain('EXISTS { (u)-[:FOLLOWS]->(viewer) } AS followsViewer');
  });
});
