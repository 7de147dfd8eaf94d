import {
  getNamedType,
  getNullableType,
  GraphQLField,
  GraphQLNamedType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isUnionType,
} from 'graphql';
import { DEFAULT_PAGE_SIZE } from '../../../src/common/pagination';

/**
 * The API contract of issue 22, as checks over the published schema. Each rule returns its
 * violations as schema coordinates, so a failure names exactly what breaks the contract.
 */

const own = (schema: GraphQLSchema): GraphQLNamedType[] =>
  Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__') && !(isScalarType(t) && isSpecifiedScalarType(t)));

const outputFields = (schema: GraphQLSchema) =>
  own(schema).flatMap((type) =>
    isObjectType(type) || isInterfaceType(type) ? Object.values(type.getFields()).map((field) => ({ type, field, coordinate: `${type.name}.${field.name}` })) : [],
  );

const capitalized = (name: string) => name[0]!.toUpperCase() + name.slice(1);

/** Every mutation takes one `input: <Name>Input!` and returns `<Name>Payload!` with `userErrors` and nullable entity fields. */
export function mutationShape(schema: GraphQLSchema): string[] {
  const out: string[] = [];
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const name = capitalized(field.name);
    const where = `Mutation.${field.name}`;
    // A mutation with nothing to say (logOut) takes no input: GraphQL forbids an input object without fields.
    if (field.args.length > 0) {
      const [arg] = field.args;
      if (field.args.length !== 1 || arg!.name !== 'input' || String(arg!.type) !== `${name}Input!`) out.push(`${where}: takes one input: ${name}Input!`);
    }
    if (String(field.type) !== `${name}Payload!`) {
      out.push(`${where}: returns ${name}Payload!`);
      continue;
    }
    const payload = getNamedType(field.type);
    if (!isObjectType(payload)) continue;
    const fields = payload.getFields();
    if (String(fields.userErrors?.type) !== '[UserError!]!') out.push(`${where}: ${payload.name}.userErrors is [UserError!]!`);
    for (const f of Object.values(fields)) if (f.name !== 'userErrors' && isNonNullType(f.type)) out.push(`${where}: ${payload.name}.${f.name} is nullable`);
  }
  return out;
}

const FIXED_SET_NAMES = /^(kind|status|type|action|role|state|decision|mode|format|scope|channel|reason)$|(Kind|Status|Type|Action|Role|State)$/;

/** No output field that holds one of a fixed set of values is a String. */
export function fixedSetsAreEnums(schema: GraphQLSchema): string[] {
  return outputFields(schema)
    .filter(({ field }) => FIXED_SET_NAMES.test(field.name) && getNamedType(field.type).name === 'String')
    .map(({ coordinate }) => `${coordinate}: is a String; use an enum`);
}

const MONEY_NAMES = /Minor$|^gmv|^price$|Price$|^amount|^revenue|^credit/i;

/** Every amount of money is a Money on output and MinorUnits on input. */
export function moneyIsMoney(schema: GraphQLSchema): string[] {
  const out = outputFields(schema)
    .filter(({ field }) => MONEY_NAMES.test(field.name) && getNamedType(field.type).name !== 'Money' && field.name !== 'amountMinor')
    .map(({ coordinate, field }) => `${coordinate}: is ${getNamedType(field.type).name}; use Money`);
  for (const type of own(schema)) {
    if (!isInputObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (MONEY_NAMES.test(field.name) && getNamedType(field.type).name !== 'MinorUnits') out.push(`${type.name}.${field.name}: is ${getNamedType(field.type).name}; use MinorUnits`);
    }
  }
  const money = schema.getType('Money');
  if (!money || !isObjectType(money) || String(money.getFields().amountMinor?.type) !== 'MinorUnits!' || String(money.getFields().currency?.type) !== 'CurrencyCode!') {
    out.push('Money: is { amountMinor: MinorUnits!, currency: CurrencyCode! }');
  }
  return out;
}

const BOUND = /\bat most [\d,]+\b/i;

/**
 * A list of objects is a connection, unless it is short by nature and says so: its description
 * states its bound ("at most 20"). Connections' own `edges` and `nodes` are pages already.
 */
export function listsArePages(schema: GraphQLSchema): string[] {
  return outputFields(schema)
    .filter(({ type, field }) => {
      const list = getNullableType(field.type);
      if (!isListType(list)) return false;
      const item = getNamedType(list);
      if (!(isObjectType(item) || isInterfaceType(item) || isUnionType(item))) return false;
      if (/Connection$/.test(type.name) && (field.name === 'edges' || field.name === 'nodes')) return false;
      // A payload's errors are about its own input, which is bounded already.
      if (/Payload$/.test(type.name) && field.name === 'userErrors') return false;
      return !BOUND.test(field.description ?? '');
    })
    .map(({ coordinate }) => `${coordinate}: a plain list without a stated bound; use a connection`);
}

/** Every `first` argument states its default and maximum, which the cost limit reads too. */
export function pageSizesStated(schema: GraphQLSchema): string[] {
  return outputFields(schema).flatMap(({ coordinate, field }) =>
    field.args
      .filter((a) => a.name === 'first' || a.name === 'last')
      .filter((a) => !(/default(s to)? \d+/i.test(a.description ?? '') && BOUND.test(a.description ?? '')))
      .map((a) => `${coordinate}(${a.name}): states "default N" and "at most M"`),
  );
}

/**
 * The cost limit prices an omitted `first`/`last` at the argument's schema default, or at
 * DEFAULT_PAGE_SIZE without one (src/server/limits.ts). A stated default other than that must then
 * be the schema's own, or the limit prices the page smaller than the server serves it.
 */
export function pageDefaultsPriced(schema: GraphQLSchema): string[] {
  return outputFields(schema).flatMap(({ coordinate, field }) =>
    field.args
      .filter((a) => a.name === 'first' || a.name === 'last')
      .flatMap((a) => {
        const stated = /default(?:s to)? (\d[\d,]*)/i.exec(a.description ?? '')?.[1];
        const n = stated === undefined ? null : Number(stated.replace(/,/g, ''));
        return n === null || n === DEFAULT_PAGE_SIZE || a.defaultValue === n ? [] : [`${coordinate}(${a.name}): states default ${n}; declare it as the argument's default, which the cost limit reads`];
      }),
  );
}

/** Lookups by id answer null for a missing or invisible object: they are nullable. */
export function lookupsAreNullable(schema: GraphQLSchema): string[] {
  return Object.values(schema.getQueryType()?.getFields() ?? {})
    .filter((f) => f.args.some((a) => a.name === 'id' || /Id$/.test(a.name) || a.name === 'handle' || a.name === 'code'))
    .filter((f) => isNonNullType(f.type) && !isListType(getNullableType(f.type)) && isObjectType(getNamedType(f.type)) && !/Connection$/.test(getNamedType(f.type).name))
    .map((f) => `Query.${f.name}: a lookup; make it nullable`);
}

/** Computed or expensive fields are nullable, so that a failure in one loses only that field. */
export const COMPUTED_FIELDS = ['Note.likedByFollowees', 'Query.cascadeOfNote', 'Query.cascadeOfProduct', 'Query.referralTreeOfUser', 'Query.referralTreeOfShareLink', 'Query.referralTreeOfNote', 'Query.referralTreeOfProduct', 'Group.stats', 'Query.groupStats', 'Query.kolReport', 'Order.attribution', 'Query.orderAttribution', 'User.influence'];

export function computedAreNullable(schema: GraphQLSchema): string[] {
  return outputFields(schema)
    .filter(({ coordinate, field }) => COMPUTED_FIELDS.includes(coordinate) && isNonNullType(field.type))
    .map(({ coordinate }) => `${coordinate}: computed; make it nullable`);
}

/** Every type, field, argument, input field and enum value has a description. */
export function everythingDescribed(schema: GraphQLSchema): string[] {
  const out: string[] = [];
  const missing = (d: string | null | undefined) => !d || d.trim().length === 0;
  for (const type of own(schema)) {
    if (missing(type.description)) out.push(`${type.name}: no description`);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
        if (missing(field.description)) out.push(`${type.name}.${field.name}: no description`);
        for (const arg of field.args) if (missing(arg.description)) out.push(`${type.name}.${field.name}(${arg.name}): no description`);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (missing(field.description)) out.push(`${type.name}.${field.name}: no description`);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) if (missing(value.description)) out.push(`${type.name}.${value.name}: no description`);
    }
  }
  return out;
}

/** Timestamps say what happened when: `createdAt`, `expiresAt`, never a bare `at`. */
export function timestampsNamed(schema: GraphQLSchema): string[] {
  return outputFields(schema)
    .filter(({ field }) => getNamedType(field.type).name === 'DateTimeISO' && !/(At|Until|Start)$/.test(field.name))
    .map(({ coordinate }) => `${coordinate}: a timestamp; name it <event>At (createdAt, updatedAt)`);
}

/** Booleans read as questions: is*, has*, can*, shows*, or viewer* for the viewer's own relation. */
export function booleansNamed(schema: GraphQLSchema): string[] {
  return outputFields(schema)
    .filter(({ type }) => !/Payload$/.test(type.name) && type.name !== 'Mutation' && !/Permissions$/.test(type.name))
    .filter(({ field }) => getNamedType(field.type).name === 'Boolean' && !/^(is|has|can|shows|viewer)[A-Z]/.test(field.name))
    .map(({ coordinate }) => `${coordinate}: a boolean; prefix it is/has/can/viewer`);
}

/** What the viewer may do with an object is one `viewerCan` object of booleans, in GitHub's style. */
export const VIEWER_CAN_TYPES = ['Note', 'Comment', 'Group'];

export function viewerCanObjects(schema: GraphQLSchema): string[] {
  const out: string[] = [];
  for (const name of VIEWER_CAN_TYPES) {
    const type = schema.getType(name);
    if (!type || !isObjectType(type)) continue;
    const can = type.getFields().viewerCan;
    const target = can && getNamedType(can.type);
    if (!can || !target || !isObjectType(target) || Object.values(target.getFields()).some((f) => String(f.type) !== 'Boolean!')) {
      out.push(`${name}.viewerCan: an object of Boolean! (edit, delete, ...)`);
    }
    for (const field of Object.keys(type.getFields())) if (/^viewerCan[A-Z]/.test(field)) out.push(`${name}.${field}: belongs in ${name}.viewerCan`);
  }
  return out;
}

/** A subject that may be one of several kinds is a union or an interface, not a type name beside an id. */
export const POLYMORPHIC_SUBJECTS = ['ModerationCase.target', 'FraudFlag.subject', 'ShareLink.target', 'Notification.subject', 'AuditLogEntry.subject'];

export function subjectsAreUnions(schema: GraphQLSchema): string[] {
  const out: string[] = [];
  for (const coordinate of POLYMORPHIC_SUBJECTS) {
    const [typeName, fieldName] = coordinate.split('.') as [string, string];
    const type = schema.getType(typeName);
    if (!type || !isObjectType(type)) continue;
    const field = type.getFields()[fieldName];
    const target = field && getNamedType(field.type);
    if (!target || !(isUnionType(target) || isInterfaceType(target))) out.push(`${coordinate}: a union or interface of what it may be`);
  }
  return out;
}

/**
 * A raw foreign key is an object field: `Commission.order`, not `orderId`. An id stays only beside
 * its object (for clients that need it without a fetch).
 */
export function foreignKeysAreObjects(schema: GraphQLSchema): string[] {
  return outputFields(schema)
    .filter(({ type }) => !/Payload$/.test(type.name))
    .filter(({ type, field }) => /.Id$/.test(field.name) && !type.getFields()[field.name.replace(/Id$/, '')])
    .map(({ coordinate, field }) => `${coordinate}: a foreign key; expose ${field.name.replace(/Id$/, '')} as an object`);
}

/** Objects a client keeps in a normalized cache have ids. */
export const IDENTIFIED_TYPES = ['ShareLink', 'GroupMember', 'Topic'];

export function entitiesHaveIds(schema: GraphQLSchema): string[] {
  return IDENTIFIED_TYPES.filter((name) => {
    const type = schema.getType(name);
    return type && isObjectType(type) && String(type.getFields().id?.type) !== 'ID!';
  }).map((name) => `${name}.id: has an ID!`);
}

/** Threads that clients read from the newest end page both ways. */
export const BOTH_WAYS = ['Note.comments', 'Comment.replies', 'Query.notifications'];

export function bothDirections(schema: GraphQLSchema): string[] {
  const out: string[] = [];
  for (const coordinate of BOTH_WAYS) {
    const [typeName, fieldName] = coordinate.split('.') as [string, string];
    const type = schema.getType(typeName);
    if (!type || !isObjectType(type)) continue;
    const args = type.getFields()[fieldName]?.args.map((a) => a.name) ?? [];
    for (const needed of ['first', 'after', 'last', 'before']) if (!args.includes(needed)) out.push(`${coordinate}(${needed}): pages both ways`);
  }
  return out;
}

/** One argument per lookup: `user(id)` and `userByHandle(handle)`, never `user(id, handle)`. */
export function oneKeyPerLookup(schema: GraphQLSchema): string[] {
  return Object.values(schema.getQueryType()?.getFields() ?? {})
    .filter((f) => f.args.filter((a) => a.name === 'id' || a.name === 'handle' || a.name === 'code' || /Id$/.test(a.name)).filter((a) => !isNonNullType(a.type)).length > 1)
    .map((f) => `Query.${f.name}: mutually exclusive keys; one lookup field per key`);
}

/** One verb for edits (`update*`) and one shape for decisions (`decide*` with a decision enum). */
export function mutationVerbs(schema: GraphQLSchema): string[] {
  return Object.keys(schema.getMutationType()?.getFields() ?? {})
    .filter((name) => /^(edit|change|approve|reject|resolve)[A-Z]/.test(name))
    .map((name) => `Mutation.${name}: edits are update*, decisions are decide*`);
}

/**
 * Relay Global Object Identification: every object with `id: ID!` implements `Node { id: ID! }`,
 * and `node(id: ID!): Node` and `nodes(ids: [ID!]!): [Node]!` refetch any of them (the registry,
 * src/app/nodes.ts; test/integration/relay.test.ts refetches every implementer).
 */
export function entitiesAreNodes(schema: GraphQLSchema): string[] {
  const out: string[] = [];
  const node = schema.getType('Node');
  const query = schema.getQueryType()?.getFields() ?? {};
  if (!node || !isInterfaceType(node) || String(node.getFields().id?.type) !== 'ID!') out.push('Node: interface Node { id: ID! }');
  if (String(query.node?.type) !== 'Node' || query.node?.args.map((a) => `${a.name}: ${String(a.type)}`).join() !== 'id: ID!') out.push('Query.node: node(id: ID!): Node');
  if (String(query.nodes?.type) !== '[Node]!' || query.nodes?.args.map((a) => `${a.name}: ${String(a.type)}`).join() !== 'ids: [ID!]!') out.push('Query.nodes: nodes(ids: [ID!]!): [Node]!');
  for (const type of own(schema)) {
    if (!isObjectType(type) || String(type.getFields().id?.type) !== 'ID!') continue;
    if (!type.getInterfaces().some((i) => i.name === 'Node')) out.push(`${type.name}: has id: ID!; implement Node and join the node registry`);
  }
  return out;
}

/**
 * The Relay Cursor Connections specification, for every `*Connection`: `edges` a list of edges each
 * with `node` and a non-null String `cursor`, `pageInfo: PageInfo!` with `hasNextPage: Boolean!`,
 * `hasPreviousPage: Boolean!`, `startCursor: String` and `endCursor: String`; every field returning
 * one takes `first: Int` and `after: String` (or `last`/`before`).
 */
export function connectionsFollowRelay(schema: GraphQLSchema): string[] {
  const out: string[] = [];
  const pageInfo = schema.getType('PageInfo');
  const expected: Record<string, string> = { hasNextPage: 'Boolean!', hasPreviousPage: 'Boolean!', startCursor: 'String', endCursor: 'String' };
  for (const [name, type] of Object.entries(expected)) {
    if (!pageInfo || !isObjectType(pageInfo) || String(pageInfo.getFields()[name]?.type) !== type) out.push(`PageInfo.${name}: ${type}`);
  }
  for (const type of own(schema)) {
    if (!isObjectType(type) || !type.name.endsWith('Connection')) continue;
    const fields = type.getFields();
    const edges = fields.edges;
    const edge = edges && getNamedType(edges.type);
    if (!edges || !isListType(getNullableType(edges.type)) || !edge || !isObjectType(edge)) {
      out.push(`${type.name}.edges: a list of edges`);
    } else {
      if (!edge.getFields().node) out.push(`${edge.name}.node: the edge's node`);
      if (String(edge.getFields().cursor?.type) !== 'String!') out.push(`${edge.name}.cursor: String!`);
    }
    if (String(fields.pageInfo?.type) !== 'PageInfo!') out.push(`${type.name}.pageInfo: PageInfo!`);
  }
  for (const { coordinate, field } of outputFields(schema)) {
    if (!getNamedType(field.type).name.endsWith('Connection') || !isObjectType(getNamedType(field.type))) continue;
    // A page size may be required with a default (`first: Int! = 50`): a client still may omit it.
    const sizes = new Set(field.args.filter((a) => String(a.type) === 'Int' || (String(a.type) === 'Int!' && a.defaultValue !== undefined)).map((a) => a.name));
    const cursors = new Set(field.args.filter((a) => String(a.type) === 'String').map((a) => a.name));
    const forwards = sizes.has('first') && cursors.has('after');
    const backwards = sizes.has('last') && cursors.has('before');
    if (!forwards && !backwards) out.push(`${coordinate}: takes first: Int and after: String (or last and before)`);
  }
  return out;
}

export const RULES = {
  'mutation-shape': mutationShape,
  'fixed-sets-are-enums': fixedSetsAreEnums,
  'money-is-money': moneyIsMoney,
  'lists-are-pages': listsArePages,
  'page-sizes-stated': pageSizesStated,
  'page-defaults-priced': pageDefaultsPriced,
  'lookups-are-nullable': lookupsAreNullable,
  'computed-are-nullable': computedAreNullable,
  'everything-described': everythingDescribed,
  'timestamps-named': timestampsNamed,
  'booleans-named': booleansNamed,
  'viewer-can-objects': viewerCanObjects,
  'subjects-are-unions': subjectsAreUnions,
  'foreign-keys-are-objects': foreignKeysAreObjects,
  'entities-have-ids': entitiesHaveIds,
  'both-directions': bothDirections,
  'one-key-per-lookup': oneKeyPerLookup,
  'mutation-verbs': mutationVerbs,
  'entities-are-nodes': entitiesAreNodes,
  'connections-follow-relay': connectionsFollowRelay,
} as const;
