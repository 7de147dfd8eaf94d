import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { Field, ObjectType } from 'type-graphql';

/**
 * Amounts are integers of the currency's minor unit (fen for CNY). GraphQL's Int is 32-bit, so a
 * total above ¥21,474,836.47 could not be serialized after its order had committed; MinorUnits
 * carries any integer JavaScript (and the Neo4j driver, which returns numbers) holds exactly.
 */
export const MAX_MINOR_UNITS = Number.MAX_SAFE_INTEGER;

function minorUnits(value: unknown, where: 'input' | 'output'): number {
  const n = typeof value === 'bigint' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || (typeof value === 'bigint' && BigInt(n) !== value)) {
    const message = `MinorUnits must be an integer between -${MAX_MINOR_UNITS} and ${MAX_MINOR_UNITS}`;
    // A value the server cannot represent is its own bug, not the client's.
    if (where === 'output') throw new Error(`${message}; got ${String(value)}`);
    throw new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return n;
}

export const MinorUnitsScalar = new GraphQLScalarType({
  name: 'MinorUnits',
  description:
    'An amount in the minor unit of its currency (fen for CNY: 1999 is ¥19.99), as a JSON integer. Any integer of magnitude at most 9007199254740991 (2^53 - 1) is exact; larger values are refused on input. Each input states its own business limit.',
  serialize: (value) => minorUnits(value, 'output'),
  parseValue: (value) => minorUnits(value, 'input'),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.INT) throw new GraphQLError('MinorUnits must be an integer', { nodes: ast, extensions: { code: 'BAD_USER_INPUT' } });
    return minorUnits(Number(ast.value), 'input');
  },
});

const CURRENCY = /^[A-Z]{3}$/;

function currencyCode(value: unknown): string {
  if (typeof value !== 'string' || !CURRENCY.test(value)) {
    throw new GraphQLError('CurrencyCode must be an ISO 4217 code such as CNY', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value;
}

export const CurrencyCodeScalar = new GraphQLScalarType({
  name: 'CurrencyCode',
  description: 'An ISO 4217 alphabetic currency code, three capital letters: CNY, HKD, USD.',
  serialize: currencyCode,
  parseValue: currencyCode,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('CurrencyCode must be a string', { nodes: ast, extensions: { code: 'BAD_USER_INPUT' } });
    return currencyCode(ast.value);
  },
});

@ObjectType({ description: 'An exact amount of money: an integer of minor units and its currency.' })
export class Money {
  @Field(() => MinorUnitsScalar, { description: 'The amount in minor units of the currency (fen for CNY).' })
  amountMinor!: number;

  @Field(() => CurrencyCodeScalar, { description: 'The currency of the amount.' })
  currency!: string;
}

export const money = (amountMinor: number, currency: string): Money => ({ amountMinor, currency });

/**
 * Sums amounts per currency: adding fen to cents would be meaningless, so a total over several
 * currencies is one Money each, in currency order (empty when there is nothing to add).
 */
export function totalsByCurrency(amounts: Iterable<{ amountMinor: number; currency: string }>): Money[] {
  const totals = new Map<string, number>();
  for (const { amountMinor, currency } of amounts) totals.set(currency, (totals.get(currency) ?? 0) + amountMinor);
  return [...totals.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amountMinor]) => money(minorUnits(amountMinor, 'output'), currency));
}
