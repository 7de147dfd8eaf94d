import { EXTERNAL_ID, importId, toRow, uuidV5 } from '../../src/jobs/import';

describe('import ids', () => {
  test('uuidV5 is RFC 9562 version 5 (the RFC\'s DNS example)', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  test('an external id maps to the same UUID every time, per kind', () => {
    const user42 = importId('user', '42');
    expect(user42).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(importId('user', '42')).toBe(user42);
    expect(importId('note', '42')).not.toBe(user42);
    expect(importId('user', '43')).not.toBe(user42);
    // Case matters in other systems' ids.
    expect(importId('user', 'crm:Ab-1')).not.toBe(importId('user', 'crm:ab-1'));
  });

  test('a UUID is kept as it is, lower-cased', () => {
    expect(importId('user', 'A0B1C2D3-E4F5-4A6B-8C7D-8E9F0A1B2C3D')).toBe('a0b1c2d3-e4f5-4a6b-8c7d-8e9f0a1b2c3d');
  });

  test('external ids are 1 to 64 safe characters', () => {
    expect(EXTERNAL_ID.test('x')).toBe(true);
    expect(EXTERNAL_ID.test('crm:user_00017.v2-b')).toBe(true);
    expect(EXTERNAL_ID.test('a'.repeat(64))).toBe(true);
    for (const bad of ['', 'a'.repeat(65), 'has space', 'slash/id', '引号', 'a"b']) expect(EXTERNAL_ID.test(bad)).toBe(false);
  });

  test('records accept numeric and string ids and refuse unsafe ones', async () => {
    const follow = await toRow({ type: 'follow', from: 17, to: 'crm-18', createdAt: 0 }, 4);
    expect(follow.row).toMatchObject({ from: importId('user', '17'), to: importId('user', 'crm-18') });
    expect(follow.refs.map((r) => [r.field, r.kind, r.given])).toEqual([['from', 'user', '17'], ['to', 'user', 'crm-18']]);
    await expect(toRow({ type: 'follow', from: 'a b', to: '1', createdAt: 0 }, 4)).rejects.toThrow(/from must be a UUID or an external id/);
    await expect(toRow({ type: 'follow', from: 1.5, to: '1', createdAt: 0 }, 4)).rejects.toThrow(/from must be a UUID or an external id/);
    await expect(toRow({ type: 'follow', from: 7, to: '7', createdAt: 0 }, 4)).rejects.toThrow(/cannot follow themself/);
  });
});
