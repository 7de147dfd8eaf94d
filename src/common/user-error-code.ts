// Plain values, no decorators: src/common/errors.ts (imported by jobs and scripts without
// reflect-metadata) needs the codes; the GraphQL types are in ./user-errors.

/**
 * The expected business failures of a mutation. They are answered in the payload's `userErrors`,
 * with `data` intact, so a client can branch on the code; only the failures a client cannot fix
 * by changing its input (UNAUTHENTICATED, FORBIDDEN, RATE_LIMITED, SERVICE_UNAVAILABLE, malformed
 * requests) stay top-level errors.
 */
export enum UserErrorCode {
  INVALID = 'INVALID',
  NOT_FOUND = 'NOT_FOUND',
  TAKEN = 'TAKEN',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  OUT_OF_STOCK = 'OUT_OF_STOCK',
  GROUP_BUY_FULL = 'GROUP_BUY_FULL',
  GROUP_BUY_EXPIRED = 'GROUP_BUY_EXPIRED',
  OFFER_CLOSED = 'OFFER_CLOSED',
  ALREADY_MEMBER = 'ALREADY_MEMBER',
  NOT_A_MEMBER = 'NOT_A_MEMBER',
  ALREADY_APPEALED = 'ALREADY_APPEALED',
  ALREADY_DECIDED = 'ALREADY_DECIDED',
  BLOCKED = 'BLOCKED',
  BANNED = 'BANNED',
  INVALID_STATE = 'INVALID_STATE',
  LIMIT_REACHED = 'LIMIT_REACHED',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  ALREADY_REVIEWED = 'ALREADY_REVIEWED',
  ALREADY_REPLIED = 'ALREADY_REPLIED',
  MUTED = 'MUTED',
  SENSITIVE_WORDS = 'SENSITIVE_WORDS',
  FLASH_SOLD_OUT = 'FLASH_SOLD_OUT',
  INSUFFICIENT_POINTS = 'INSUFFICIENT_POINTS',
  ALREADY_REDEEMED = 'ALREADY_REDEEMED',
  LEVEL_TOO_LOW = 'LEVEL_TOO_LOW',
  DAILY_LIMIT_REACHED = 'DAILY_LIMIT_REACHED',
  COUPON_EXHAUSTED = 'COUPON_EXHAUSTED',
  COUPON_NOT_CLAIMABLE = 'COUPON_NOT_CLAIMABLE',
  COUPON_NOT_APPLICABLE = 'COUPON_NOT_APPLICABLE',
  COUPON_UNAVAILABLE = 'COUPON_UNAVAILABLE',
}

export const CODE_DESCRIPTIONS: Record<UserErrorCode, string> = {
  INVALID: 'The value fails validation (length, format, range, a missing companion field); `field` names it and `message` says what is accepted.',
  NOT_FOUND: 'The id or code given in `field` names nothing the viewer may see.',
  TAKEN: 'The handle, email or name in `field` is already in use.',
  INVALID_CREDENTIALS: 'The login and password do not match an account (or the current password is wrong); which of the two is not told.',
  OUT_OF_STOCK: 'The product has fewer units in stock than asked for; `message` says how many are left.',
  GROUP_BUY_FULL: 'The group buy already has all the participants it needs, or its offer has no groups left.',
  GROUP_BUY_EXPIRED: 'The group buy ended before it filled.',
  OFFER_CLOSED: 'The group-buy offer is closed or past its end: no group can start from it.',
  ALREADY_MEMBER: 'The user is already a member of the group (or already in an open group of this offer).',
  NOT_A_MEMBER: 'The user must be a member of the group for this, and is not.',
  ALREADY_APPEALED: 'The moderation action has already been appealed; an action is appealed once.',
  ALREADY_DECIDED: 'The request, case or appeal has already been decided.',
  BLOCKED: 'One of the two users blocks the other, so they cannot interact.',
  BANNED: 'The user is banned from the group.',
  INVALID_STATE: 'The object is not in a state that allows this (an order no longer PLACED, a group buy already complete, the last owner leaving).',
  LIMIT_REACHED: 'A count limit is reached (live offers per product, members of a group, collections): `message` gives the limit.',
  IDEMPOTENCY_KEY_REUSED: 'The idempotency key was used before with a different input; use a new key for a new request.',
  ALREADY_REVIEWED: 'The buyer has already reviewed this product line of the order; each line is reviewed once.',
  ALREADY_REPLIED: 'The merchant has already replied to this review; a review gets one reply.',
  MUTED: 'The viewer is muted where they tried to speak (a live room\'s host or moderator muted them for a while).',
  SENSITIVE_WORDS: 'The text contains a word the platform does not allow; `message` says so without repeating it.',
  FLASH_SOLD_OUT: 'The live room\'s flash price is gone (its units sold, its time up, or the product unpinned) and the order asked to be refused rather than placed at the regular price.',
  INSUFFICIENT_POINTS: "The viewer's points balance is below the reward's cost; `message` gives both.",
  ALREADY_REDEEMED: 'The viewer already holds what the reward gives (its badge): a badge reward is redeemed once.',
  LEVEL_TOO_LOW: "The viewer's member level in the group is below the level its managers set for this (Group.levelRights); `message` gives both levels.",
  DAILY_LIMIT_REACHED: 'Done already today, and allowed once per UTC day (requestDataExport); `message` says from when it can be done again.',
  COUPON_EXHAUSTED: 'Every unit of the coupon has been claimed.',
  COUPON_NOT_CLAIMABLE: "The coupon's claim window is not open (not yet, or over).",
  COUPON_NOT_APPLICABLE: "The coupon does not apply to this order: another merchant, product or currency, outside its use window, below its threshold, or a second coupon of the same scope; `message` says which.",
  COUPON_UNAVAILABLE: 'The viewer holds no unused unit of the coupon: never claimed, or used by another order.',
};

/**
 * "input.items[0].qty" (or "items[0].qty") → ["items", "0", "qty"]: the path from the input
 * root, the same for every mutation whatever its argument is called.
 */
export function fieldPath(field: string | null | undefined): string[] | null {
  if (!field) return null;
  const parts = field.replace(/\[(\d+)\]/g, '.$1').split('.').filter((p) => p.length > 0);
  if (parts[0] === 'input' && parts.length > 1) parts.shift();
  return parts.length ? parts : null;
}
