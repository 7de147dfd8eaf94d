import 'reflect-metadata';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AccountResolver } from '../accounts/resolver';
import { SocialResolver } from '../social/resolver';

export const resolvers = [AccountResolver, SocialResolver] as const;

let built: Promise<GraphQLSchema> | null = null;

export function buildAppSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [...resolvers],
    validate: { forbidUnknownValues: false },
  });
  return built;
}

/** The SDL committed as schema/schema.graphql, sorted so that it changes only when the schema does. */
export async function printAppSchema(): Promise<string> {
  return printSchema(lexicographicSortSchema(await buildAppSchema())) + '\n';
}
