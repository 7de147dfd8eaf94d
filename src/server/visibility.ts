import {
  defaultFieldResolver,
  getNamedType,
  getNullableType,
  GraphQLField,
  GraphQLObjectType,
  GraphQLOutputType,
  GraphQLResolveInfo,
  GraphQLSchema,
  GraphQLAbstractType,
  isAbstractType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from 'graphql';
import { notFound } from '../common/errors';
import { isAdmin, isStaff } from '../common/roles';
import { can, GroupPermission } from '../groups/permissions';
import type { UserRecord } from '../accounts/types';
import type { CommentRecord, NoteRecord } from '../content/types';
import type { Scope } from '../accounts/scope';
import { ContentService } from '../content/service';
import { ReviewService } from '../reviews/service';
import type { ReviewRecord } from '../reviews/types';
import { groupLoaders } from '../groups/loaders';
import { instanceOf } from '../request/scope';

/**
 * The trust boundary of the API: visibility is decided where an object is resolved, not by each
 * service remembering to filter. After the schema is built, every field that returns a Note or a
 * Comment (alone, in a list, or as the node of a list of edges) has its resolver wrapped, so
 * whatever path reaches one (a query, a nested field, a connection, a mutation's result, a
 * subscription's payload) passes the rule of src/content/rules.ts first:
 * - a nullable field answers null for an object the viewer may not see;
 * - a non-null field fails with NOT_FOUND, as looking the object up by id would;
 * - a list leaves such objects out, and a list of edges leaves their edges out (a list of nullable
 *   items, nodes(ids), answers null in their place).
 * Services still filter lists before paging, for correct page sizes; this is the guarantee.
 * Only these fields are wrapped, so scalar fields cost nothing, and the checks read the request's
 * DataLoaders, already primed by feed and comment pages, so they add no round trip.
 *
 * Private fields (PRIVATE_FIELDS) are wrapped the same way: null to anyone their rule excludes.
 */

export type GuardedKind = 'Note' | 'Comment' | 'Review';

export interface GuardedField {
  /** `Type.field`, e.g. `Note.comments` is not one (it returns a connection) but `CommentConnection.edges` is. */
  coordinate: string;
  kind: GuardedKind;
  /**
   * OBJECTS: the field returns the objects themselves; EDGES: a list of edges whose `node` is one;
   * UNION: a union with Note or Comment among its members (`ShareLink.target`, `Notification.subject`),
   * or an interface they implement (`Query.node`), checked by the rule of whichever member the value
   * resolves to.
   */
  shape: 'OBJECTS' | 'EDGES' | 'UNION';
}

const KINDS: readonly string[] = ['Note', 'Comment', 'Review'];

/** What a field returns, as far as the guard cares: a Note/Comment, a list of edges of them, or neither. */
export function guardedShape(type: GraphQLOutputType, schema?: GraphQLSchema): Omit<GuardedField, 'coordinate'> | null {
  const named = getNamedType(type);
  if (KINDS.includes(named.name)) return { kind: named.name as GuardedKind, shape: 'OBJECTS' };
  if (isUnionType(named) || (schema && isAbstractType(named))) {
    const members = isUnionType(named) ? named.getTypes() : schema!.getPossibleTypes(named as GraphQLAbstractType);
    const member = members.find((m) => KINDS.includes(m.name));
    if (member) return { kind: member.name as GuardedKind, shape: 'UNION' };
  }
  if (isObjectType(named) && isListType(getNullableType(type))) {
    const node = named.getFields().node;
    const nodeType = node && getNamedType(node.type);
    if (nodeType && KINDS.includes(nodeType.name)) return { kind: nodeType.name as GuardedKind, shape: 'EDGES' };
  }
  return null;
}

async function canSee(ctx: Scope, kind: GuardedKind, value: unknown): Promise<boolean> {
  if (kind === 'Review') return instanceOf(ctx, ReviewService).canSee(await ctx.viewer(), value as ReviewRecord);
  const content = instanceOf(ctx, ContentService);
  return kind === 'Note' ? content.canSeeNote(ctx, value as NoteRecord) : content.canSeeComment(ctx, value as CommentRecord);
}

/**
 * Keeps what the viewer may see of a resolved value of the given GraphQL type: inside a list an
 * object the viewer may not see is dropped; a lone nullable field answers null; a lone non-null
 * field cannot, and fails with NOT_FOUND.
 */
async function keepVisible(value: unknown, type: GraphQLOutputType, ctx: Scope, guard: Omit<GuardedField, 'coordinate'>, info: GraphQLResolveInfo, inList = false): Promise<unknown> {
  if (value === null || value === undefined) return value;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const items = await Promise.all([...(value as Iterable<unknown>)]);
    const inner = nullable.ofType as GraphQLOutputType;
    // A list of nullable items keeps its positions (nodes(ids) answers one item per id): null in place.
    const kept = await Promise.all(items.map((item) => keepVisible(item, inner, ctx, guard, info, isNonNullType(inner))));
    return kept.filter((item) => item !== DROPPED);
  }
  // A union is checked by the member its value resolves to: a Comment behind Notification.subject by
  // the comment rule even though the union also has Note; a Product behind ShareLink.target by none.
  let kind = guard.kind;
  if (guard.shape === 'UNION') {
    const member = await unionMemberOf(value, nullable as GraphQLAbstractType, ctx, info);
    if (member === undefined || !KINDS.includes(member)) return value;
    kind = member as GuardedKind;
  }
  const object = guard.shape === 'EDGES' ? await (value as { node: unknown }).node : value;
  if (object === null || object === undefined || (await canSee(ctx, kind, object))) return value;
  if (inList) return DROPPED;
  if (isNonNullType(type)) throw notFound(kind);
  return null;
}

const DROPPED = Symbol('dropped');

/** The member type name a union's (or an interface's) value resolves to, as graphql-js will resolve it. */
async function unionMemberOf(value: unknown, union: GraphQLAbstractType, ctx: Scope, info: GraphQLResolveInfo): Promise<string | undefined> {
  if (union.resolveType) {
    const resolved: unknown = await union.resolveType(value, ctx, info, union);
    return typeof resolved === 'string' ? resolved : (resolved as { name?: string } | undefined)?.name;
  }
  const members = isUnionType(union) ? union.getTypes() : info.schema.getPossibleTypes(union);
  for (const member of members) if (member.isTypeOf && (await member.isTypeOf(value, ctx, info))) return member.name;
  return undefined;
}

/** Who may read each private field, by coordinate; everyone else reads null. */
export const PRIVATE_FIELDS: Record<string, { rule: string; allowed: (source: never, ctx: Scope) => Promise<boolean> }> = {
  'User.email': {
    rule: 'the user themself',
    allowed: async (user: UserRecord, ctx: Scope) => (await ctx.viewerId()) === user.id,
  },
  'User.showsPurchasesToFriends': {
    rule: 'the user themself',
    allowed: async (user: UserRecord, ctx: Scope) => (await ctx.viewerId()) === user.id,
  },
  'Review.author': {
    rule: "everyone, unless the review is anonymous: then its author and staff only",
    allowed: async (review: ReviewRecord, ctx: Scope) => {
      if (!review.isAnonymous) return true;
      const viewer = await ctx.viewer();
      return viewer !== null && (viewer.id === review.authorId || isStaff(viewer));
    },
  },
  'Review.isCountedInRating': {
    rule: 'staff',
    allowed: async (_review: ReviewRecord, ctx: Scope) => {
      const viewer = await ctx.viewer();
      return viewer !== null && isStaff(viewer);
    },
  },
  'User.isPolicyAcceptanceNeeded': {
    rule: 'the user themself',
    allowed: async (user: UserRecord, ctx: Scope) => (await ctx.viewerId()) === user.id,
  },
  'User.acceptedPolicyVersion': {
    rule: 'the user themself',
    allowed: async (user: UserRecord, ctx: Scope) => (await ctx.viewerId()) === user.id,
  },
  'User.points': {
    rule: 'the user themself',
    allowed: async (user: UserRecord, ctx: Scope) => (await ctx.viewerId()) === user.id,
  },
  'GroupMember.mutedUntil': {
    rule: 'the member themself, the group\'s MODERATOR and above (who mute), admins',
    allowed: async (member: { groupId: string; user: UserRecord }, ctx: Scope) => {
      const viewer = await ctx.viewer();
      if (!viewer) return false;
      if (viewer.id === member.user.id || isAdmin(viewer)) return true;
      return can((await groupLoaders(ctx).standing.load(member.groupId)).role, GroupPermission.MUTE);
    },
  },
};

/** The fields guardSchema wrapped in the last schema it guarded, for the schema-driven tests. */
export const guardedFields: GuardedField[] = [];
export const guardedPrivateFields: string[] = [];

function wrap(field: GraphQLField<unknown, Scope>, guard: Omit<GuardedField, 'coordinate'>): void {
  const resolve = field.resolve ?? defaultFieldResolver;
  field.resolve = async (source, args, ctx, info) => keepVisible(await resolve(source, args, ctx, info), field.type, ctx, guard, info);
}

function wrapPrivate(field: GraphQLField<unknown, Scope>, allowed: (source: never, ctx: Scope) => Promise<boolean>): void {
  const resolve = field.resolve ?? defaultFieldResolver;
  field.resolve = async (source, args, ctx, info) => ((await allowed(source as never, ctx)) ? resolve(source, args, ctx, info) : null);
}

/** Wraps every Note/Comment-returning field and every private field of the schema, once. */
export function guardSchema(schema: GraphQLSchema): GraphQLSchema {
  guardedFields.length = 0;
  guardedPrivateFields.length = 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values((type as GraphQLObjectType<unknown, Scope>).getFields())) {
      const coordinate = `${type.name}.${field.name}`;
      const guard = guardedShape(field.type, schema);
      if (guard) {
        wrap(field, guard);
        guardedFields.push({ coordinate, ...guard });
      }
      const rule = PRIVATE_FIELDS[coordinate];
      if (rule) {
        wrapPrivate(field, rule.allowed);
        guardedPrivateFields.push(coordinate);
      }
    }
  }
  return schema;
}
