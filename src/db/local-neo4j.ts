import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const MODULE_DIR = join(__dirname, '..', '..', 'neo4j');
const JAR = join(MODULE_DIR, 'target', 'zhongcao-neo4j-1.0.0.jar');
const LIB = join(MODULE_DIR, 'target', 'lib');

export interface LocalNeo4j {
  uri: string;
  pid: number;
  stop(): Promise<void>;
}

export interface LocalNeo4jOptions {
  port: number;
  dataDir: string;
  /** Heap for the embedded database; the page cache is set in LocalNeo4j.java. */
  heap?: string;
  pageCacheMb?: number;
  /** Called with each line the database prints before it is ready (for diagnostics). */
  onOutput?: (line: string) => void;
  startTimeoutMs?: number;
}

/** Builds neo4j/ with Maven when its jar or classpath is missing (first run on a fresh clone). */
export function ensureLocalNeo4jBuilt(): void {
  if (existsSync(JAR) && existsSync(LIB)) return;
  const result = spawnSync('mvn', ['-B', '-q', '-Dmaven.test.skip=true', '-f', join(MODULE_DIR, 'pom.xml'), 'package'], {
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`building neo4j/ with Maven failed (exit ${result.status ?? result.signal})`);
}

/** Starts Neo4j Community embedded (neo4j/) and resolves once its Bolt connector accepts connections. */
export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
  ensureLocalNeo4jBuilt();
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const child: ChildProcess = spawn(
    'java',
    [
      `-Xmx${options.heap ?? '1g'}`,
      '-XX:+UseG1GC',
      '-cp',
      `${JAR}:${LIB}/*`,
      'zhongcao.neo4j.LocalNeo4j',
      '--host',
      '127.0.0.1',
      '--port',
      String(options.port),
      '--data',
      dataDir,
      '--exit-on-stdin-close',
      '--pagecache-mb',
      String(options.pageCacheMb ?? 256),
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const recent: string[] = [];
  const remember = (line: string) => {
    recent.push(line);
    if (recent.length > 40) recent.shift();
    options.onOutput?.(line);
  };
  createInterface({ input: child.stderr! }).on('line', remember);

  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  const uri = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rej(new Error(`Neo4j did not become ready in time:\n${recent.join('\n')}`));
    }, options.startTimeoutMs ?? 120_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^ready (bolt:\/\/\S+)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        res(match[1]!);
      } else {
        remember(line);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`Neo4j exited with ${code} before it was ready:\n${recent.join('\n')}`));
    });
  });

  return {
    uri,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
