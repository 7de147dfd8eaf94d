import { MIN_BUYERS_PER_DAY, minBuyersPerDay, publishDays, publishedTotals } from '../../src/common/order-disclosure';

describe('order figures are published per day of at least K buyers', () => {
  const DAY = 86_400_000;
  const days = [
    { dayStart: 0, orders: 1, buyers: 1, gmvMinor: 9900 },
    { dayStart: DAY, orders: 4, buyers: 2, gmvMinor: 20000 },
    { dayStart: 2 * DAY, orders: 3, buyers: 3, gmvMinor: 15000 },
  ];

  test('K is three distinct buyers, for everyone but those who see every order', () => {
    expect(MIN_BUYERS_PER_DAY).toBe(3);
    expect(minBuyersPerDay(false)).toBe(3);
    expect(minBuyersPerDay(true)).toBe(1);
  });

  test('a day of one or two buyers is withheld and left out of the totals', () => {
    const published = publishDays(days, minBuyersPerDay(false));
    expect(published).toEqual([
      { dayStart: 0, orders: null, gmvMinor: null },
      { dayStart: DAY, orders: null, gmvMinor: null },
      { dayStart: 2 * DAY, orders: 3, gmvMinor: 15000 },
    ]);
    expect(publishedTotals(published)).toEqual({ orders: 3, gmvMinor: 15000 });
  });

  test('staff see every day and every order in the totals', () => {
    expect(publishedTotals(publishDays(days, minBuyersPerDay(true)))).toEqual({ orders: 8, gmvMinor: 44900 });
    expect(publishedTotals([])).toEqual({ orders: 0, gmvMinor: 0 });
  });
});
