import { generateSecret, generateURI, verify } from 'otplib';
import { badInput } from '../common/errors';

/**
 * The two-factor sign-in code rules: RFC 6238 TOTP as authenticator apps make it (SHA-1, 6 digits,
 * 30-second steps), computed by otplib. A code is accepted one step either side of now (clocks
 * drift, and typing takes time), and never twice: the caller keeps the last step accepted and
 * passes it back as `afterStep`.
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** How many steps before and after the current one still count. */
export const TOTP_WINDOW_STEPS = 1;
export const TOTP_ISSUER = 'Zhongcao';

/** A new secret: 20 random bytes (160 bits, RFC 4226's recommended length), Base32 as apps take it. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The otpauth:// address an authenticator app scans (as a QR code) or takes pasted. */
export function otpauthUri(secret: string, accountLabel: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: accountLabel, secret, algorithm: 'sha1', digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS });
}

/** The code as typed, spaces removed ("123 456"); INVALID on `field` when it is not 6 digits. */
export function requireTotpCode(code: unknown, field: string): string {
  const digits = typeof code === 'string' ? code.replace(/\s+/g, '') : '';
  if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(digits)) throw badInput(field, `must be the ${TOTP_DIGITS}-digit code from your authenticator app`);
  return digits;
}

/**
 * The time step `code` belongs to, when it is the secret's code for a step within the window
 * around `nowMs` and later than `afterStep`; null otherwise.
 */
export async function acceptedStep(secret: string, code: string, nowMs: number, afterStep: number | null, digits = TOTP_DIGITS): Promise<number | null> {
  const epoch = Math.floor(nowMs / 1000);
  const result = await verify({
    secret,
    token: code,
    algorithm: 'sha1',
    digits: digits as 6,
    period: TOTP_PERIOD_SECONDS,
    epoch,
    epochTolerance: TOTP_WINDOW_STEPS * TOTP_PERIOD_SECONDS,
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  });
  // delta: how many steps from now the code matched.
  return result.valid ? Math.floor(epoch / TOTP_PERIOD_SECONDS) + result.delta : null;
}
