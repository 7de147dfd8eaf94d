import { PageRecordsPolicy } from '../../src/feeds/page-records';

describe('whether feed pages bring their records', () => {
  test('a fresh instance holds nothing, so its first pages bring their records', () => {
    expect(new PageRecordsPolicy(0.5).withRecords()).toBe(true);
  });

  test('once the caches hold most of what pages show, pages leave the records to them; when they stop holding it, pages bring them again', () => {
    const policy = new PageRecordsPolicy(0.5);
    let pages = 0;
    while (policy.withRecords()) {
      policy.observe(30, 30);
      pages++;
    }
    // About fourteen warm pages at a weight of 1/20 (1 - 0.95^n passes a half at n = 14).
    expect(pages).toBe(14);
    // Many viewers arrive: pages whose records the caches seldom hold.
    let cold = 0;
    while (!policy.withRecords()) {
      policy.observe(3, 30);
      cold++;
    }
    expect(cold).toBeGreaterThan(0);
    expect(cold).toBeLessThan(14);
    expect(policy.share()).toBeLessThan(0.5);
  });

  test('0 never brings records and 1 always does, whatever the caches held', () => {
    const never = new PageRecordsPolicy(0);
    const always = new PageRecordsPolicy(1);
    for (let i = 0; i < 50; i++) {
      never.observe(0, 10);
      always.observe(10, 10);
    }
    expect(never.withRecords()).toBe(false);
    expect(always.withRecords()).toBe(true);
  });

  test('an empty page teaches nothing, and a threshold outside 0..1 is refused', () => {
    const policy = new PageRecordsPolicy(0.5);
    policy.observe(0, 0);
    expect(policy.share()).toBe(0);
    expect(() => new PageRecordsPolicy(1.5)).toThrow(/fraction/);
  });
});
