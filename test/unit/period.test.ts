import { periodOf, DAY_MS } from '../../src/common/period';

describe('analytics periods', () => {
  const now = Date.UTC(2026, 11, 1, 9, 30);
  const midnight = Date.UTC(2026, 11, 1);
  const field = (f: () => unknown) => {
    try {
      f();
    } catch (error) {
      return (error as { extensions: { field: string } }).extensions.field;
    }
    return 'accepted';
  };

  test('default to the 30 whole days ending with today', () => {
    expect(periodOf(null, { now })).toEqual({ from: midnight + DAY_MS - 30 * DAY_MS, to: midnight + DAY_MS });
    expect(periodOf({ from: new Date(midnight - 6 * DAY_MS) }, { now })).toEqual({ from: midnight - 6 * DAY_MS, to: midnight + DAY_MS });
    expect(periodOf({ to: new Date(midnight) }, { now })).toEqual({ from: midnight - 30 * DAY_MS, to: midnight });
  });

  test('take only midnights UTC, one to 366 days apart', () => {
    expect(periodOf({ from: new Date(midnight), to: new Date(midnight + DAY_MS) }, { now })).toEqual({ from: midnight, to: midnight + DAY_MS });
    expect(field(() => periodOf({ from: new Date(midnight), to: new Date(midnight + 3600_000) }, { now }))).toBe('period.to');
    expect(field(() => periodOf({ from: new Date(now), to: new Date(midnight + DAY_MS) }, { now }))).toBe('period.from');
    expect(field(() => periodOf({ from: new Date(midnight), to: new Date(midnight) }, { now }))).toBe('period');
    expect(field(() => periodOf({ from: new Date(midnight - 367 * DAY_MS), to: new Date(midnight) }, { now }))).toBe('period');
    expect(field(() => periodOf({ from: new Date(midnight - 366 * DAY_MS), to: new Date(midnight) }, { now }))).toBe('accepted');
  });
});

describe('completed days only (figures about other people\'s orders)', () => {
  const now = Date.UTC(2026, 11, 1, 9, 30);
  const midnight = Date.UTC(2026, 11, 1);
  const refusal = (f: () => unknown) => {
    try {
      f();
    } catch (error) {
      return (error as { extensions: { code: string; field: string } }).extensions;
    }
    return 'accepted';
  };

  test('default to the 30 completed days before today; an open start runs to today\'s midnight', () => {
    expect(periodOf(null, { now, completedDaysOnly: true })).toEqual({ from: midnight - 30 * DAY_MS, to: midnight });
    expect(periodOf({ from: new Date(midnight - DAY_MS) }, { now, completedDaysOnly: true })).toEqual({ from: midnight - DAY_MS, to: midnight });
  });

  test('refuse a period that includes today, on period.to', () => {
    expect(refusal(() => periodOf({ from: new Date(midnight), to: new Date(midnight + DAY_MS) }, { now, completedDaysOnly: true }))).toEqual({ code: 'BAD_USER_INPUT', field: 'period.to' });
    expect(refusal(() => periodOf({ to: new Date(midnight + 2 * DAY_MS) }, { now, completedDaysOnly: true }))).toEqual({ code: 'BAD_USER_INPUT', field: 'period.to' });
    // Starting today leaves no completed day to report.
    expect(refusal(() => periodOf({ from: new Date(midnight) }, { now, completedDaysOnly: true }))).toEqual({ code: 'BAD_USER_INPUT', field: 'period' });
    expect(refusal(() => periodOf({ from: new Date(midnight - DAY_MS), to: new Date(midnight) }, { now, completedDaysOnly: true }))).toBe('accepted');
  });
});
