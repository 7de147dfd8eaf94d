import { randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** An export id names its file: a UUID, checked so no id can reach outside the directory. */
const EXPORT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Where the archives are kept: one file per export in EXPORT_DIR, `<exportId>.json`. Archives grow
 * with a user's history (their messages, every note), past what belongs in a Neo4j property, so
 * they live on disk; instances that serve downloads must share the directory (a mounted volume).
 * A file appears whole or not at all: it is written to a temporary name in the same directory,
 * flushed to disk and renamed, so a download never reads half an archive and a crash leaves only
 * a temporary file (`.<id>.<random>.tmp`), removed by the next write of that export.
 */
export class ExportStore {
  constructor(private readonly dir: string) {}

  private pathOf(exportId: string): string {
    if (!EXPORT_ID.test(exportId)) throw new Error(`not an export id: ${exportId}`);
    return join(this.dir, `${exportId}.json`);
  }

  /** Writes the archive `fill` produces and returns its size in bytes. */
  async write(exportId: string, fill: (write: (chunk: string) => Promise<void>) => Promise<unknown>): Promise<number> {
    const target = this.pathOf(exportId);
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const temporary = join(this.dir, `.${exportId}.${randomBytes(6).toString('hex')}.tmp`);
    const file = await open(temporary, 'wx', 0o600);
    try {
      await fill(async (chunk) => void (await file.write(chunk, null, 'utf8')));
      await file.sync();
      await file.close();
      await rename(temporary, target);
    } catch (error) {
      await file.close().catch(() => undefined);
      await rm(temporary, { force: true });
      throw error;
    }
    return (await stat(target)).size;
  }

  /** The archive to stream, or null when its file is gone. */
  async read(exportId: string): Promise<{ size: number; stream: () => ReadStream } | null> {
    const path = this.pathOf(exportId);
    try {
      const { size } = await stat(path);
      return { size, stream: () => createReadStream(path) };
    } catch {
      return null;
    }
  }

  async remove(exportId: string): Promise<void> {
    await rm(this.pathOf(exportId), { force: true });
  }
}
