import { GraphQLError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { ValidationError } from 'class-validator';
import { badInput, forbidden, notFound } from '../../../src/common/errors';
import { fieldPath, UserErrorCode } from '../../../src/common/user-error-code';
import { asUserError } from '../../../src/server/payloads';
import { MinorUnitsScalar, CurrencyCodeScalar, totalsByCurrency } from '../../../src/common/money';

describe('user errors', () => {
  test('a field is the path from the input root, whatever the argument is called', () => {
    expect(fieldPath('input.items[0].qty')).toEqual(['items', '0', 'qty']);
    expect(fieldPath('items[12].productId')).toEqual(['items', '12', 'productId']);
    expect(fieldPath('name')).toEqual(['name']);
    expect(fieldPath('input')).toEqual(['input']);
    expect(fieldPath(null)).toBeNull();
  });

  test('an out-of-stock refusal is a user error a client can branch on', () => {
    expect(asUserError(badInput('items[0].qty', 'only 2 left in stock', UserErrorCode.OUT_OF_STOCK))).toEqual({
      field: ['items', '0', 'qty'],
      code: 'OUT_OF_STOCK',
      message: 'only 2 left in stock',
    });
  });

  test('outside a payload the same failure is still a top-level BAD_USER_INPUT or NOT_FOUND naming the field', () => {
    const stock = badInput('items[0].qty', 'only 2 left in stock', UserErrorCode.OUT_OF_STOCK);
    expect(stock).toBeInstanceOf(GraphQLError);
    expect(stock.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'items[0].qty' });
    expect(stock.message).toBe('items[0].qty: only 2 left in stock');
    expect(notFound('Group', 'groupId').extensions.code).toBe('NOT_FOUND');
    expect(asUserError(notFound('Group', 'groupId'))).toEqual({ field: ['groupId'], code: 'NOT_FOUND', message: 'Group not found' });
  });

  test('a class-validator violation of the input is INVALID, naming the field', () => {
    const violation = Object.assign(new ValidationError(), { property: 'name', constraints: { maxLength: 'must be at most 50 characters' } });
    expect(asUserError(new ArgumentValidationError([violation]))).toEqual({ field: ['name'], code: 'INVALID', message: 'must be at most 50 characters' });
  });

  test('authorization failures stay top-level: a client cannot fix them by changing its input', () => {
    expect(asUserError(forbidden())).toBeNull();
    expect(asUserError(new Error('boom'))).toBeNull();
  });
});

describe('money', () => {
  test('an order of 999 × ¥30,000 is serialized exactly, far beyond 32-bit Int', () => {
    const total = 999 * 3_000_000;
    expect(total).toBeGreaterThan(2 ** 31);
    expect(MinorUnitsScalar.serialize(total)).toBe(2_997_000_000);
    expect(MinorUnitsScalar.serialize(BigInt(2 ** 53 - 1))).toBe(2 ** 53 - 1);
  });

  test('inputs beyond 2^53 - 1, fractions and strings are refused', () => {
    expect(MinorUnitsScalar.parseValue(2 ** 53 - 1)).toBe(2 ** 53 - 1);
    expect(MinorUnitsScalar.parseValue(-5)).toBe(-5);
    for (const bad of [2 ** 53, 1.5, '100', null, Number.NaN]) expect(() => MinorUnitsScalar.parseValue(bad)).toThrow(/MinorUnits/);
  });

  test('a value the server cannot represent is a server error, not quietly rounded', () => {
    expect(() => MinorUnitsScalar.serialize(2 ** 53 + 2)).toThrow(/MinorUnits/);
    expect(() => MinorUnitsScalar.serialize(BigInt(2) ** BigInt(60))).toThrow(/MinorUnits/);
  });

  test('currencies are ISO 4217 codes', () => {
    expect(CurrencyCodeScalar.parseValue('CNY')).toBe('CNY');
    for (const bad of ['cny', 'RMB1', '', 42]) expect(() => CurrencyCodeScalar.parseValue(bad)).toThrow(/ISO 4217/);
  });

  test('totals over several currencies are one Money per currency, never a sum of fen and cents', () => {
    expect(totalsByCurrency([
      { amountMinor: 1999, currency: 'CNY' },
      { amountMinor: 500, currency: 'USD' },
      { amountMinor: 1, currency: 'CNY' },
    ])).toEqual([{ amountMinor: 2000, currency: 'CNY' }, { amountMinor: 500, currency: 'USD' }]);
    expect(totalsByCurrency([])).toEqual([]);
  });
});

describe('idempotency fingerprints', () => {
  // Imported here, not at the top, so the money and error tests above need no database module.
  const { inputFingerprint } = jest.requireActual<typeof import('../../../src/db/idempotency')>('../../../src/db/idempotency');

  test('the same input in another key order is the same request', () => {
    expect(inputFingerprint({ name: 'a', items: [{ qty: 1, productId: 'p' }] })).toBe(inputFingerprint({ items: [{ productId: 'p', qty: 1 }], name: 'a' }));
  });

  test('an omitted field and an undefined one are the same; a changed value or order of items is not', () => {
    expect(inputFingerprint({ name: 'a', note: undefined })).toBe(inputFingerprint({ name: 'a' }));
    expect(inputFingerprint({ name: 'a' })).not.toBe(inputFingerprint({ name: 'b' }));
    expect(inputFingerprint({ items: [1, 2] })).not.toBe(inputFingerprint({ items: [2, 1] }));
    expect(inputFingerprint({ name: null })).not.toBe(inputFingerprint({}));
  });
});
