import type { Request, RequestHandler } from 'express';
import type { Scope } from '../accounts/scope';
import type { Logger } from '../common/logger';
import type { DataExportService } from '../privacy/exports';

const refuse = (status: number, code: string, message: string) => ({ status, body: { errors: [{ message, extensions: { code } }] } });
const UNAUTHENTICATED = refuse(401, 'UNAUTHENTICATED', 'Send the bearer token of the account the export belongs to in the Authorization header');
// One answer for an unknown, expired, altered or someone else's address: none says which it is.
const NOT_FOUND = refuse(404, 'NOT_FOUND', 'No such data export, or it has expired');

/**
 * GET /data-exports/:exportId/:token: streams a READY archive to its owner (DataExport.downloadUrl).
 * Both the address and the owner's bearer token are needed, so neither a leaked address nor a
 * stolen session alone reads it; answers are never cached.
 */
export function dataExportDownload(exports: Pick<DataExportService, 'download'>, scopeOf: (req: Request) => Scope, logger: Logger): RequestHandler {
  return async (req, res) => {
    res.set('Cache-Control', 'no-store');
    const answer = (refusal: typeof NOT_FOUND) => void res.status(refusal.status).json(refusal.body);
    try {
      const scope = scopeOf(req);
      if (!(await scope.viewerId().catch(() => null))) return answer(UNAUTHENTICATED);
      const { exportId, token } = req.params as { exportId: string; token: string };
      const file = await exports.download(scope, exportId, token);
      if (!file) return answer(NOT_FOUND);
      res.status(200).set({
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': String(file.size),
        'Content-Disposition': `attachment; filename="${file.filename}"`,
        'X-Content-Type-Options': 'nosniff',
      });
      const stream = file.stream();
      stream.on('error', (error) => {
        logger.warn('data export download failed', { exportId, error: error.message });
        res.destroy(error);
      });
      stream.pipe(res);
    } catch (error) {
      logger.warn('data export download failed', { error: (error as Error).message });
      if (!res.headersSent) res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    }
  };
}
