import 'reflect-metadata';
import { GraphQLObjectType, GraphQLSchema, isObjectType, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema, getMetadataStorage } from 'type-graphql';
import { AccountResolver } from '../accounts/resolver';
import { SocialResolver } from '../social/resolver';
import { CollectionResolver, CommentResolver, NoteResolver } from '../content/resolver';
import { FeedResolver } from '../feeds/resolver';
import { NotificationResolver } from '../notifications/resolver';
import { NotificationGroupResolver } from '../notifications/group-resolver';
import { OrderResolver, ProductResolver } from '../commerce/resolver';
import { ReferralResolver, ReferralTreeResolver } from '../referral/resolver';
import { CascadeResolver, OrderAttributionResolver, ReferralChainResolver } from '../referral/list-resolvers';
import { CommissionResolver, FraudFlagResolver, RateSetResolver } from '../commissions/resolver';
import { GroupEventResolver, GroupMemberResolver, GroupResolver } from '../groups/resolver';
import { GroupActivityResolver } from '../groups/activity-resolver';
import { AppealResolver, AuditLogEntryResolver, ModerationActionResolver, ModerationResolver } from '../moderation/resolver';
import { GroupBuyOfferResolver, GroupBuyResolver, ProductGroupBuyResolver } from '../groupbuys/resolver';
import { InfluenceResolver } from '../influence/resolver';
import { SearchResolver } from '../search/resolver';
import { ConversationResolver, MessageResolver, ReportedMessagesResolver } from '../conversations/resolver';
import { CommentMuteResolver, ConversationMuteResolver, MuteResolver, UserMuteResolver } from '../mutes/resolver';
import { SecurityResolver } from '../security/resolver';
import { NodeResolver } from '../node/resolver';
import { NoteReviewResolver, OrderItemReviewResolver, ProductReviewResolver, ReviewReplyResolver, ReviewResolver, UserReviewResolver } from '../reviews/resolver';
import { LiveCommentResolver, LiveMinuteStatsResolver, LiveProductPinResolver, LiveProductStatsResolver, LiveRoomRecapResolver, LiveRoomResolver, LiveRoomStatsResolver, TouchpointLiveRoomResolver } from '../live/resolver';
import { AccountDeletionResolver, ConsentResolver, UserPrivacyResolver } from '../privacy/resolver';
import { DataExportResolver } from '../privacy/export-resolver';
import { LiveRoomEventsResolver } from '../live/events-resolver';
import { PointsResolver, RedemptionResolver, UserPointsResolver } from '../points/resolver';
import { BadgesResolver, UserBadgesResolver } from '../badges/resolver';
import { CouponClaimResolver, CouponResolver, OrderCouponsResolver } from '../coupons/resolver';
import { guardSchema } from './visibility';
import { payloadSchema } from './payloads';
import type { Instances } from '../request/scope';

export const resolvers = [
  AccountResolver,
  SocialResolver,
  NoteResolver,
  CommentResolver,
  CollectionResolver,
  FeedResolver,
  NotificationResolver,
  NotificationGroupResolver,
  ProductResolver,
  OrderResolver,
  ReferralResolver,
  ReferralTreeResolver,
  ReferralChainResolver,
  CascadeResolver,
  OrderAttributionResolver,
  CommissionResolver,
  RateSetResolver,
  FraudFlagResolver,
  GroupResolver,
  GroupEventResolver,
  GroupMemberResolver,
  GroupActivityResolver,
  ModerationResolver,
  AppealResolver,
  ModerationActionResolver,
  AuditLogEntryResolver,
  GroupBuyResolver,
  GroupBuyOfferResolver,
  ProductGroupBuyResolver,
  InfluenceResolver,
  SearchResolver,
  ConversationResolver,
  MessageResolver,
  ReportedMessagesResolver,
  MuteResolver,
  LiveRoomResolver,
  LiveProductPinResolver,
  LiveCommentResolver,
  TouchpointLiveRoomResolver,
  LiveRoomStatsResolver,
  LiveProductStatsResolver,
  LiveMinuteStatsResolver,
  LiveRoomRecapResolver,
  LiveRoomEventsResolver,
  UserMuteResolver,
  CommentMuteResolver,
  ConversationMuteResolver,
  SecurityResolver,
  NodeResolver,
  ReviewResolver,
  ReviewReplyResolver,
  ProductReviewResolver,
  UserReviewResolver,
  OrderItemReviewResolver,
  NoteReviewResolver,
  ConsentResolver,
  UserPrivacyResolver,
  AccountDeletionResolver,
  DataExportResolver,
  PointsResolver,
  UserPointsResolver,
  RedemptionResolver,
  BadgesResolver,
  UserBadgesResolver,
  CouponResolver,
  CouponClaimResolver,
  OrderCouponsResolver,
] as const;

let built: Promise<GraphQLSchema> | null = null;

/** The coordinates plainFields gave back to graphql-js, for the test that checks it. */
export const plainFieldCoordinates: string[] = [];

/**
 * type-graphql gives every plain `@Field` of an object type a resolver of its own, which builds a
 * resolver-data object and runs the middleware chain (empty here) only to read `root[name]`:
 * graphql-js's default resolver reads the same property without either, and a feed page resolves
 * hundreds of such fields. So a field with no field resolver, no middleware, no roles and its own
 * property name goes back to the default. Fields that do work (field resolvers) keep theirs.
 */
function plainFields(schema: GraphQLSchema): GraphQLSchema {
  const storage = getMetadataStorage();
  const resolved = new Map<unknown, Set<string>>();
  for (const r of storage.fieldResolvers) {
    const target = r.getObjectType?.();
    if (!resolved.has(target)) resolved.set(target, new Set());
    resolved.get(target)!.add(r.methodName);
  }
  plainFieldCoordinates.length = 0;
  for (const meta of storage.objectTypes) {
    const type = schema.getType(meta.name);
    if (!isObjectType(type)) continue;
    const fields = type.getFields();
    for (const f of meta.fields ?? []) {
      const field = fields[f.schemaName];
      if (!field?.resolve || f.name !== f.schemaName || f.middlewares?.length || f.roles?.length || resolved.get(f.target)?.has(f.name)) continue;
      field.resolve = undefined;
      plainFieldCoordinates.push(`${type.name}.${field.name}`);
    }
  }
  return schema;
}

export function buildAppSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [...resolvers],
    validate: { forbidUnknownValues: false },
    // Resolvers are built once per app by the composition root (src/app/services.ts) with the
    // services they call; the schema is shared by every app of the process, so each request's
    // scope carries its app's instances.
    container: ({ context }) => (context as { instances: Instances }).instances,
    // Every subscription here has its own subscribe function that uses the request's event bus
    // (so each app instance, and each test app, has its own); type-graphql's topic-based pubSub
    // must therefore never be reached.
    pubSub: {
      publish: () => {
        throw new Error('use the event bus on the context, not type-graphql pubSub');
      },
      subscribe: () => {
        throw new Error('use a subscribe function with the event bus on the context');
      },
    },
    // Visibility is enforced where Notes, Comments and private fields are resolved (./visibility).
  })
    .then(plainFields)
    .then(guardSchema)
    .then(payloadSchema)
    .then(describeRoots);
  return built;
}

/** type-graphql has no option for the root types' own descriptions, so they are set once, here. */
function describeRoots(schema: GraphQLSchema): GraphQLSchema {
  const roots: [GraphQLObjectType | null | undefined, string][] = [
    [schema.getQueryType(), 'Reads. Lookups by id answer null for an object that is missing or not visible to the viewer; lists are cursor connections.'],
    [schema.getMutationType(), 'Writes. Each takes one `input` and returns a payload whose `userErrors` lists the expected business failures; top-level errors are only for authentication, permission, rate limits, outages and malformed requests.'],
    [schema.getSubscriptionType(), 'Live events over graphql-ws. A stream checks the subscriber\'s rights on every event and ends when they are lost.'],
  ];
  for (const [type, description] of roots) if (type) type.description = description;
  return schema;
}

/** The SDL committed as schema/schema.graphql, sorted so that it changes only when the schema does. */
export async function printAppSchema(): Promise<string> {
  return printSchema(lexicographicSortSchema(await buildAppSchema())) + '\n';
}
