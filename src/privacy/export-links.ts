import { createHmac, timingSafeEqual } from 'node:crypto';

/** The download route's path; its two parameters are the export id and the link's token. */
export const DOWNLOAD_PATH = '/data-exports';

/**
 * The download address of an export: `<PUBLIC_BASE_URL>/data-exports/<exportId>/<token>`, the token
 * an HMAC-SHA256 of the export and its owner under a key derived from JWT_SECRET. Nothing is stored
 * for it, so `dataExports` can show the address again; it is good for that export and that user
 * only, and the route also asks for that user's bearer token and refuses after the expiry. Changing
 * JWT_SECRET ends every address (as it ends every session).
 */
export class ExportLinks {
  private readonly key: Buffer;

  constructor(
    jwtSecret: string,
    private readonly publicBaseUrl: string,
  ) {
    this.key = createHmac('sha256', jwtSecret).update('zhongcao data-export download links').digest();
  }

  private token(exportId: string, userId: string): Buffer {
    return createHmac('sha256', this.key).update(`${exportId}\n${userId}`).digest();
  }

  url(exportId: string, userId: string): string {
    return `${this.publicBaseUrl}${DOWNLOAD_PATH}/${exportId}/${this.token(exportId, userId).toString('base64url')}`;
  }

  /** Whether `token` is the link of this export for this user (compared in constant time). */
  verify(exportId: string, userId: string, token: string): boolean {
    const given = Buffer.from(token, 'base64url');
    const expected = this.token(exportId, userId);
    return given.length === expected.length && given.toString('base64url') === token && timingSafeEqual(given, expected);
  }
}
