import { generate } from '../../src/jobs/seed';
import { normaliseQuery, queryTerms } from '../../src/search/rules';

describe('the seed generator writes searchable text (issue 15, item 6)', () => {
  const records = [...generate({ users: 500, seed: 7, now: Date.UTC(2026, 10, 1) })];
  const notes = records.filter((r) => r.type === 'note') as unknown as { title: string; body: string; topics: string[] }[];
  const products = records.filter((r) => r.type === 'product') as unknown as { title: string; brand: string; category: string }[];
  const han = /\p{Script=Han}/u;

  test('notes mix Chinese and English, with places, brands and 种草 vocabulary', () => {
    expect(notes.filter((n) => han.test(n.title)).length / notes.length).toBeGreaterThan(0.5);
    expect(notes.some((n) => /[A-Za-z]{4,}/.test(n.title) && han.test(n.title))).toBe(true);
    expect(notes.some((n) => n.body.includes('成都'))).toBe(true);
    expect(notes.some((n) => n.title.includes('油皮亲妈'))).toBe(true);
    for (const n of notes.slice(0, 200)) {
      expect(n.title.length).toBeLessThanOrEqual(100);
      expect(n.body).toContain(`#${n.topics[0]}`);
      // Every title is something a search can be made of.
      expect(queryTerms(normaliseQuery(n.title.slice(0, 100))).length).toBeGreaterThan(0);
    }
  });

  test('products have a brand and a category, and bilingual titles', () => {
    expect(products.every((p) => p.brand.length > 0 && p.category.length > 0)).toBe(true);
    expect(products.every((p) => han.test(p.title) && /[a-z]{3,}/.test(p.title))).toBe(true);
  });
});
