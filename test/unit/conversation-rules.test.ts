import { UserFailure } from '../../src/common/errors';
import {
  canSeeMessage,
  cardCredit,
  checkMembers,
  checkText,
  folderAfterSend,
  folderFor,
  holdFor,
  MessagingAudience,
  pairKey,
  reachesInbox,
  audienceOf,
} from '../../src/conversations/rules';

const rel = (recipientFollowsSender: boolean, senderFollowsRecipient: boolean) => ({ recipientFollowsSender, senderFollowsRecipient });
const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserFailure) return { field: error.field, code: error.userErrorCode };
    throw error;
  }
  throw new Error('did not fail');
};

describe('who reaches whose inbox', () => {
  test.each([
    // audience, recipient follows sender, sender follows recipient, inbox?
    ['EVERYONE', false, false, true],
    ['FOLLOWING', true, false, true],
    ['FOLLOWING', false, true, false],
    ['MUTUALS', true, true, true],
    ['MUTUALS', true, false, false],
    ['MUTUALS', false, true, false],
    ['NOBODY', true, true, false],
  ] as const)('%s, recipient follows %s, sender follows %s: inbox %s', (audience, a, b, inbox) => {
    expect(reachesInbox(audience as MessagingAudience, rel(a, b))).toBe(inbox);
    expect(folderFor(audience as MessagingAudience, rel(a, b))).toBe(inbox ? 'INBOX' : 'REQUESTS');
  });

  test('a setting never stored (or unknown) is MUTUALS', () => {
    expect(audienceOf(null)).toBe('MUTUALS');
    expect(audienceOf('FRIENDS')).toBe('MUTUALS');
    expect(audienceOf('NOBODY')).toBe('NOBODY');
  });

  test('a reply accepts a request; a deleted 1:1 comes back by the setting; accepted stays accepted', () => {
    expect(folderAfterSend('REQUESTS', true, MessagingAudience.NOBODY, rel(false, false))).toBe('INBOX');
    expect(folderAfterSend('DELETED', false, MessagingAudience.MUTUALS, rel(false, false))).toBe('REQUESTS');
    expect(folderAfterSend('DELETED', false, MessagingAudience.EVERYONE, rel(false, false))).toBe('INBOX');
    expect(folderAfterSend('INBOX', false, MessagingAudience.NOBODY, rel(false, false))).toBe('INBOX');
    expect(folderAfterSend('REQUESTS', false, MessagingAudience.EVERYONE, rel(true, true))).toBe('REQUESTS');
  });
});

describe('holds', () => {
  test('a sensitive word held only when a recipient does not follow the sender', () => {
    expect(holdFor('Best PRICE ever', ['price'], [rel(true, false), rel(false, true)])).toEqual(['price']);
    expect(holdFor('Best PRICE ever', ['price'], [rel(true, false)])).toEqual([]);
    expect(holdFor('nothing here', ['price'], [rel(false, false)])).toEqual([]);
  });
});

describe('input checks', () => {
  test('text: at most 2,000 characters (an emoji is one), and something to say', () => {
    expect(checkText('😀'.repeat(2000), 0)).toHaveLength(4000);
    expect(failure(() => checkText('x'.repeat(2001), 0))).toEqual({ field: 'text', code: 'INVALID' });
    expect(failure(() => checkText('   ', 0))).toEqual({ field: 'text', code: 'INVALID' });
    expect(checkText(null, 1)).toBe('');
  });

  test('members: 1 to 19 others, none twice, not the viewer', () => {
    expect(checkMembers('me', ['a', 'b'])).toEqual(['a', 'b']);
    expect(failure(() => checkMembers('me', []))).toEqual({ field: 'userIds', code: 'INVALID' });
    expect(failure(() => checkMembers('me', Array.from({ length: 20 }, (_, i) => `u${i}`)))).toEqual({ field: 'userIds', code: 'INVALID' });
    expect(failure(() => checkMembers('me', ['a', 'me']))).toEqual({ field: 'userIds[1]', code: 'INVALID' });
    expect(failure(() => checkMembers('me', ['a', 'a']))).toEqual({ field: 'userIds[1]', code: 'INVALID' });
  });

  test('the pair key is the same whoever starts', () => {
    expect(pairKey('b', 'a')).toBe(pairKey('a', 'b'));
  });
});

describe('who sees a message', () => {
  const viewer = { id: 'me', visibleFromSeq: 3, blocked: new Set(['blocked']) };
  test.each([
    [{ senderId: 'x', status: 'DELIVERED', seq: 3 }, true],
    [{ senderId: 'x', status: 'DELIVERED', seq: 2 }, false],
    [{ senderId: 'x', status: 'HELD', seq: 4 }, false],
    [{ senderId: 'me', status: 'HELD', seq: 4 }, true],
    [{ senderId: 'blocked', status: 'DELIVERED', seq: 4 }, false],
    [{ senderId: 'x', status: 'DELETED', seq: 4 }, true],
  ])('%j: %s', (message, seen) => {
    expect(canSeeMessage(message, viewer)).toBe(seen);
  });
});

describe('which share link an order from a product card credits', () => {
  const since = 1_000;
  const message = {
    senderId: 'sender',
    createdAt: 5_000,
    attachmentKinds: ['NOTE', 'PRODUCT', 'PRODUCT'],
    attachmentIds: ['n1', 'p1', 'p2'],
    attachmentCodes: ['', 'CODEp1', 'CODEp2'],
  };
  const order = (productIds: string[], buyerId = 'buyer') => ({ buyerId, productIds, since });

  test('the link of the card showing an ordered product, from when the message arrived', () => {
    expect(cardCredit(message, order(['p2']))).toEqual({ code: 'CODEp2', at: 5_000 });
    expect(cardCredit(message, order(['p9', 'p1']))).toEqual({ code: 'CODEp1', at: 5_000 });
  });

  test('nothing for the sender themself, a message from before the window, or a card for another product', () => {
    expect(cardCredit(message, order(['p1'], 'sender'))).toBeNull();
    expect(cardCredit({ ...message, createdAt: since - 1 }, order(['p1']))).toBeNull();
    expect(cardCredit(message, order(['n1', 'p9']))).toBeNull();
  });

  test('nothing for a deleted message (no cards) or a card that carries no link', () => {
    expect(cardCredit({ ...message, attachmentKinds: [], attachmentIds: [], attachmentCodes: [] }, order(['p1']))).toBeNull();
    expect(cardCredit({ ...message, attachmentCodes: undefined }, order(['p1']))).toBeNull();
    expect(cardCredit({ ...message, attachmentCodes: ['', '', 'CODEp2'] }, order(['p1']))).toBeNull();
  });
});
