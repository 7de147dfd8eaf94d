import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The cypher/ folder at the project root, from both src/ (ts-jest) and dist/ (compiled). */
export const CYPHER_DIR = join(__dirname, '..', '..', 'cypher');

export interface CypherQuery {
  /** Path under cypher/, shown in logs and errors. */
  readonly name: string;
  readonly text: string;
}

/** Loads cypher/<name>.cypher once, at module load, so a missing file fails start-up rather than a request. */
export function cypher(name: string): CypherQuery {
  const text = readFileSync(join(CYPHER_DIR, `${name}.cypher`), 'utf8');
  return { name, text };
}
