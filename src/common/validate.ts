import { badInput } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
export const HANDLE = /^[A-Za-z0-9_]{3,30}$/;
// Deliberately simple: one @, a dot in the domain, no spaces. Deliverability is the mailer's job.
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

export function requireId(value: string, field: string): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw badInput(field, 'must be a valid id');
  return value.toLowerCase();
}

export function requireHandle(value: string, field: string): string {
  if (typeof value !== 'string' || !HANDLE.test(value)) {
    throw badInput(field, 'must be 3 to 30 letters, digits or underscores');
  }
  return value;
}

export function requireEmail(value: string, field: string): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (trimmed.length > 254 || !EMAIL.test(trimmed) || CONTROL.test(trimmed) || /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/.test(trimmed)) {
    throw badInput(field, 'must be a valid email address');
  }
  return trimmed;
}

/** C0 control characters other than tab, newline and carriage return, and DEL: never valid text. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/**
 * Half of a UTF-16 surrogate pair without the other half: JSON can carry it, but it is no
 * character, and storing it as UTF-8 would silently turn it into U+FFFD.
 */
export const LONE_SURROGATE = /\p{Surrogate}/u;
/** Zero-width and direction-control characters: allowed inside text, but they alone are not content. */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;

export function requireText(
  value: string,
  field: string,
  { min = 0, max, trim = true }: { min?: number; max: number; trim?: boolean },
): string {
  if (typeof value !== 'string') throw badInput(field, 'must be a string');
  if (CONTROL.test(value)) throw badInput(field, 'must not contain control characters');
  if (LONE_SURROGATE.test(value)) throw badInput(field, 'must be valid Unicode text');
  const text = trim ? value.trim() : value;
  // Count code points, not UTF-16 units, so a limit means the same for 中文 and emoji as for ASCII.
  const length = [...text].length;
  const visible = [...text.replace(INVISIBLE, '').trim()].length;
  if (length < min || (min > 0 && visible === 0)) throw badInput(field, min === 1 ? 'must not be empty' : `must be at least ${min} characters`);
  if (length > max) throw badInput(field, `must be at most ${max} characters`);
  return text;
}

export function requireUrl(value: string, field: string, max = 2048): string {
  const text = requireText(value, field, { min: 1, max });
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw badInput(field, 'must be an absolute http(s) URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw badInput(field, 'must be an absolute http(s) URL');
  return text;
}

export function requireIntInRange(value: number, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badInput(field, `must be an integer between ${min} and ${max}`);
  }
  return value;
}
