import 'reflect-metadata';
import { loadConfig } from '../config';
import { SecretBox } from '../security/secret-box';
import { resealStoredSecrets } from '../security/reseal';
import { jobDatabase } from './import';

/**
 * `npm run security:seal-secrets`: seals every TOTP secret still stored in plaintext (from before
 * encryption at rest) or under TWO_FACTOR_ENCRYPTION_KEY_PREVIOUS with TWO_FACTOR_ENCRYPTION_KEY.
 * The API does the same for each account the first time its two-factor sign-in is used; this does
 * it for every account at once (after enabling encryption, or before dropping a previous key).
 * Safe to run at any time, and again.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const job = await jobDatabase();
  try {
    const resealed = await resealStoredSecrets(job.db, new SecretBox(config.twoFactorEncryptionKeys));
    process.stderr.write(`seal secrets: ${resealed} account(s) re-sealed\n`);
  } finally {
    await job.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`\n${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
