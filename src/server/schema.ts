import 'reflect-metadata';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AccountResolver } from '../accounts/resolver';
import { SocialResolver } from '../social/resolver';
import { CollectionResolver, CommentResolver, NoteResolver } from '../content/resolver';
import { FeedResolver } from '../feeds/resolver';
import { NotificationResolver } from '../notifications/resolver';
import { OrderResolver, ProductResolver } from '../commerce/resolver';
import { ReferralResolver, ReferralTreeResolver } from '../referral/resolver';
import { CommissionResolver, FraudFlagResolver, RateSetResolver } from '../commissions/resolver';
import { GroupEventResolver, GroupResolver } from '../groups/resolver';
import { AppealResolver, ModerationResolver } from '../moderation/resolver';
import { GroupBuyOfferResolver, GroupBuyResolver, ProductGroupBuyResolver } from '../groupbuys/resolver';
import { InfluenceResolver } from '../influence/resolver';
import { SearchResolver } from '../search/resolver';
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
  ProductResolver,
  OrderResolver,
  ReferralResolver,
  ReferralTreeResolver,
  CommissionResolver,
  RateSetResolver,
  FraudFlagResolver,
  GroupResolver,
  GroupEventResolver,
  ModerationResolver,
  AppealResolver,
  GroupBuyResolver,
  GroupBuyOfferResolver,
  ProductGroupBuyResolver,
  InfluenceResolver,
  SearchResolver,
] as const;

let built: Promise<GraphQLSchema> | null = null;

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
    .then(guardSchema)
    .then(payloadSchema);
  return built;
}

/** The SDL committed as schema/schema.graphql, sorted so that it changes only when the schema does. */
export async function printAppSchema(): Promise<string> {
  return printSchema(lexicographicSortSchema(await buildAppSchema())) + '\n';
}
