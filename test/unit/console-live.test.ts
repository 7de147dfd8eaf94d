import { addNews, countdown, latest, mergeComments, newsClock, NO_NEWS, parseMinor, pinNow, type LiveComment, type LiveNews, type LivePin } from '../../console/src/live';

// The live-room page's bookkeeping: a room snapshot overlaid with what the stream pushed since.

const comment = (id: string, at: number): LiveComment => ({ id, body: `comment ${id}`, createdAt: new Date(at).toISOString(), author: { id: 'u1', handle: 'mei', displayName: 'Mei' } });
const pin = (flashLeft: number | null): LivePin => ({
  id: 'pin1',
  pinnedAt: '2026-12-01T10:00:00.000Z',
  flashEndsAt: null,
  flashLeft,
  flashQuantity: flashLeft === null ? null : 5,
  isFlashActive: flashLeft !== null && flashLeft > 0,
  flashPrice: flashLeft === null ? null : { amountMinor: 9900, currency: 'CNY' },
  product: { id: 'p1', title: 'Toner', stock: 50, price: { amountMinor: 12900, currency: 'CNY' } },
});
const counters = (patch: { viewerCount?: number; likeCount?: number; purchaseCount?: number; flashLeft?: number }) =>
  ({ __typename: 'LiveCountersChanged', countedAt: '2026-12-01T10:00:01.000Z', viewerCount: null, likeCount: null, purchaseCount: null, flashLeft: null, ...patch }) as const;

test('counters that did not change keep their last value; news older than the snapshot gives way to it', () => {
  let news: LiveNews = addNews(NO_NEWS, counters({ viewerCount: 3, likeCount: 10 }));
  news = addNews(news, counters({ likeCount: 12 }));
  expect(latest(0, 0, news.viewers)).toBe(3);
  expect(latest(0, 0, news.likes)).toBe(12);
  // A snapshot read after those pushes (it counts 4 viewers) wins until the next push.
  const since = newsClock();
  expect(latest(4, since, news.viewers)).toBe(4);
  news = addNews(news, counters({ viewerCount: 5 }));
  expect(latest(4, since, news.viewers)).toBe(5);
});

test('flash units left follow the counters pushed after the pin, not those of an earlier pin', () => {
  let news = addNews(NO_NEWS, counters({ flashLeft: 1 }));
  news = addNews(news, { __typename: 'LiveProductPinChanged', pin: pin(5) });
  expect(pinNow(null, 0, news)).toMatchObject({ flashLeft: 5, isFlashActive: true });
  news = addNews(news, counters({ flashLeft: 4 }));
  expect(pinNow(null, 0, news)?.flashLeft).toBe(4);
  news = addNews(news, counters({ flashLeft: 0 }));
  expect(pinNow(null, 0, news)).toMatchObject({ flashLeft: 0, isFlashActive: false });
  // Unpinned: no product, whatever the counters said.
  news = addNews(news, { __typename: 'LiveProductPinChanged', pin: null });
  expect(pinNow(pin(5), 0, news)).toBeNull();
  // A pin without a flash offer has no units to count down.
  expect(pinNow(pin(null), newsClock(), addNews(NO_NEWS, counters({ flashLeft: 3 })))?.flashLeft).toBeNull();
});

test('comments show oldest first, each once: the snapshot page (newest first) and the stream joined', () => {
  const page = [comment('c3', 3000), comment('c2', 2000), comment('c1', 1000)];
  let news = addNews(NO_NEWS, { __typename: 'LiveCommentsAdded', droppedCommentCount: 0, comments: [comment('c3', 3000), comment('c4', 4000)] });
  news = addNews(news, { __typename: 'LiveCommentsAdded', droppedCommentCount: 2, comments: [comment('c5', 5000)] });
  expect(mergeComments(page, news.comments).map((c) => c.id)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
  expect(news.droppedComments).toBe(2);
});

test('the flash countdown reads minutes and seconds left, hours past an hour, and stops at 0:00', () => {
  const now = Date.parse('2026-12-01T10:00:00.000Z');
  expect(countdown('2026-12-01T10:10:00.000Z', now - 1)).toBe('10:00');
  expect(countdown('2026-12-01T10:10:00.000Z', now + 1)).toBe('10:00');
  expect(countdown('2026-12-01T10:00:05.000Z', now)).toBe('0:05');
  expect(countdown('2026-12-01T11:30:09.000Z', now)).toBe('1:30:09');
  expect(countdown('2026-12-01T09:59:00.000Z', now)).toBe('0:00');
});

test('a typed price becomes minor units; anything else is not a price', () => {
  expect(parseMinor('99')).toBe(9900);
  expect(parseMinor(' 79.9 ')).toBe(7990);
  expect(parseMinor('79,05')).toBe(7905);
  for (const bad of ['', 'abc', '1.234', '-5', '1e3']) expect(parseMinor(bad)).toBeNull();
});
