import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The cypher/ folder at the project root, from both src/ (ts-jest) and dist/ (compiled). */
export const CYPHER_DIR = join(__dirname, '..', '..', 'cypher');

export interface CypherQuery {
  /** Path under cypher/, shown in logs and errors. */
  readonly name: string;
  readonly text: string;
}

/**
 * Loads cypher/<name>.cypher once, at module load, with its fragments included, so a missing file
 * or fragment fails start-up rather than a request.
 */
export function cypher(name: string): CypherQuery {
  return { name, text: composeCypher(name, readCypherFile) };
}

/**
 * A query whose text code assembles from cypher/ fragments (node/kinds has one branch per type of
 * the node registry), composed as cypher() composes a file, once, when its repository is built.
 */
export function cypherOf(name: string, text: string): CypherQuery {
  return { name, text: composeCypher(name, (file) => (file === name ? text : readCypherFile(file))) };
}

const fileCache = new Map<string, string>();

/** Fragments are included by many queries; each file is read once per process. */
function readCypherFile(name: string): string {
  let text = fileCache.get(name);
  if (text === undefined) {
    text = readFileSync(join(CYPHER_DIR, `${name}.cypher`), 'utf8');
    fileCache.set(name, text);
  }
  return text;
}

/** Reads the text of cypher/<name>.cypher; throws when there is no such file. */
export type CypherReader = (name: string) => string;

/** `{{> fragments/name u=author as columns}}`: what is inside is parsed by parseInclude. */
const INCLUDE = /\{\{>([^}]*)\}\}/g;
/** `{{u}}`: a variable a fragment works on, renamed by its includer (`u=author`) or left as `u`. */
const PLACEHOLDER = /\{\{([A-Za-z_]\w*)\}\}/g;
const IDENTIFIER = /^[A-Za-z_]\w*$/;
const FRAGMENT_DIR = 'fragments/';

/**
 * The text of query `name` with every `{{> fragments/...}}` marker replaced by that fragment,
 * recursively. Fragments let the queries that must return the same record shapes (a feed page's
 * hydration and the DataLoaders' batch queries) be built from one projection instead of copies
 * kept equal by hand. See cypher/README.md for the syntax.
 */
export function composeCypher(name: string, read: CypherReader): string {
  const text = expand(read(name), new Map(), [name], read);
  const stray = text.indexOf('{{');
  if (stray >= 0) throw compositionError([name], `has a malformed {{ marker: "${text.slice(stray, stray + 40)}"`);
  return text;
}

function compositionError(chain: readonly string[], message: string): Error {
  return new Error(`cypher/${chain.join(' → ')}: ${message}`);
}

interface Include {
  name: string;
  bindings: Map<string, string>;
  asColumns: boolean;
}

function parseInclude(inner: string, chain: readonly string[]): Include {
  const words = inner.trim().split(/\s+/);
  const [name, ...rest] = words;
  if (!name || !name.startsWith(FRAGMENT_DIR) || !/^[\w/-]+$/.test(name)) {
    throw compositionError(chain, `"{{>${inner}}}" must name a fragment under cypher/${FRAGMENT_DIR}`);
  }
  const include: Include = { name, bindings: new Map(), asColumns: false };
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i]!;
    if (word === 'as' && rest[i + 1] === 'columns' && i + 2 === rest.length) {
      include.asColumns = true;
      break;
    }
    const [variable, identifier, extra] = word.split('=');
    if (extra !== undefined || !variable || !identifier || !IDENTIFIER.test(variable) || !IDENTIFIER.test(identifier)) {
      throw compositionError(chain, `"${word}" in "{{>${inner}}}" is neither variable=identifier nor a final "as columns"`);
    }
    if (include.bindings.has(variable)) throw compositionError(chain, `"{{>${inner}}}" binds ${variable} twice`);
    include.bindings.set(variable, identifier);
  }
  return include;
}

/** Substitutes this text's placeholders with `bindings`, then expands its includes. */
function expand(text: string, bindings: ReadonlyMap<string, string>, chain: readonly string[], read: CypherReader): string {
  const isFragment = chain.length > 1;
  const used = new Set<string>();
  const substituted = text.replace(PLACEHOLDER, (placeholder, variable: string) => {
    // A placeholder in a query (not a fragment) would silently become a plain variable.
    if (!isFragment) throw compositionError(chain, `has the placeholder ${placeholder}, but only fragments take variables`);
    used.add(variable);
    return bindings.get(variable) ?? variable;
  });
  for (const variable of bindings.keys()) {
    if (!used.has(variable)) throw compositionError(chain, `is given ${variable}=${bindings.get(variable)}, but has no {{${variable}}}`);
  }
  return substituted.replace(INCLUDE, (_marker, inner: string, offset: number) => {
    const lineStart = substituted.lastIndexOf('\n', offset) + 1;
    // Inlined into a comment, a fragment's first line would be commented out and the rest not.
    if (substituted.slice(lineStart, offset).includes('//')) {
      throw compositionError(chain, `has "{{>${inner}}}" in a comment: name the fragment without the marker`);
    }
    const include = parseInclude(inner, chain);
    const at = [...chain, include.name];
    if (chain.includes(include.name)) throw compositionError(at, 'includes itself');
    let body: string;
    try {
      body = read(include.name);
    } catch (error) {
      throw compositionError(at, `is missing (${(error as Error).message})`);
    }
    let expanded = expand(withoutComments(body), include.bindings, at, read);
    if (include.asColumns) expanded = asColumns(expanded, at);
    // Continuation lines take the marker line's indentation, so composed queries read well in logs.
    const indent = /^[ \t]*/.exec(substituted.slice(lineStart))![0];
    return expanded.split('\n').join(`\n${indent}`);
  });
}

/**
 * A fragment's comments document it and are not included: inlined mid-line, a `//` comment would
 * swallow the includer's text after the marker. Lines left empty are dropped.
 */
function withoutComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "'" || ch === '"' || ch === '`') {
      const end = closingQuote(text, i);
      out += text.slice(i, end + 1);
      i = end;
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else {
      out += ch;
    }
  }
  return out
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '')
    .join('\n');
}

/**
 * Renders a fragment of map entries (`key: expression, ...`) as RETURN columns
 * (`expression AS key, ...`), for the batch queries whose rows are read column by column.
 */
function asColumns(text: string, chain: readonly string[]): string {
  return topLevelEntries(text)
    .map((entry) => {
      const match = /^([A-Za-z_]\w*)\s*:\s*([\s\S]+)$/.exec(entry);
      if (!match) throw compositionError(chain, `cannot be returned as columns: "${entry}" is not a key: expression entry`);
      return `${match[2]} AS ${match[1]}`;
    })
    .join(',\n');
}

/** Where the string (or backquoted name) opening at `start` closes; a backslash escapes. */
function closingQuote(text: string, start: number): number {
  let end = start + 1;
  while (end < text.length && text[end] !== text[start]) end += text[end] === '\\' ? 2 : 1;
  return end;
}

/** Splits (comment-free) text on the commas outside brackets and strings. */
function topLevelEntries(text: string): string[] {
  const entries: string[] = [];
  let current = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "'" || ch === '"' || ch === '`') {
      const end = closingQuote(text, i);
      current += text.slice(i, end + 1);
      i = end;
    } else if (ch === ',' && depth === 0) {
      entries.push(current.trim());
      current = '';
    } else {
      if ('([{'.includes(ch)) depth++;
      if (')]}'.includes(ch)) depth--;
      current += ch;
    }
  }
  if (current.trim()) entries.push(current.trim());
  return entries;
}
