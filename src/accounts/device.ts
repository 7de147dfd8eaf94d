import { badInput } from '../common/errors';
import { requireText } from '../common/validate';

/** The rules for naming a session's device, so a user can tell their sessions apart in `sessions`. */

export const MAX_DEVICE_LABEL = 64;
export const UNKNOWN_DEVICE = 'Unknown device';

const BROWSERS: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\bOPR\//, 'Opera'],
  [/\bMicroMessenger\//, 'WeChat'],
  [/\bxhsdiscover\b/i, 'Xiaohongshu'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/\bChrome\/|\bCriOS\//, 'Chrome'],
  [/\bSafari\//, 'Safari'],
  [/\bcurl\//, 'curl'],
  [/\bnode(?:-fetch)?\b|\bundici\b/i, 'Node.js'],
];

const SYSTEMS: [RegExp, string][] = [
  [/\biPhone\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bAndroid\b/, 'Android'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bLinux\b/, 'Linux'],
];

/** "Chrome on macOS" from a User-Agent header; the header's start when it names nothing known. */
export function deviceFromUserAgent(userAgent: string | null | undefined): string {
  // eslint-disable-next-line no-control-regex
  const ua = (userAgent ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (!ua) return UNKNOWN_DEVICE;
  const browser = BROWSERS.find(([re]) => re.test(ua))?.[1];
  const system = SYSTEMS.find(([re]) => re.test(ua))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  if (browser ?? system) return (browser ?? system)!;
  return [...ua].slice(0, MAX_DEVICE_LABEL).join('');
}

/** The label the client gave (validated like any text input), or one derived from its User-Agent. */
export function deviceLabel(given: string | null | undefined, userAgent: string | null | undefined): string {
  if (given == null) return deviceFromUserAgent(userAgent);
  const label = requireText(given, 'deviceLabel', { min: 1, max: MAX_DEVICE_LABEL });
  // One line: it is shown in a list.
  if (/[\t\n\r\u2028\u2029]/.test(label)) throw badInput('deviceLabel', 'must be one line of text');
  return label;
}
