import 'reflect-metadata';
import type { GraphQLObjectType } from 'graphql';
import { buildAppSchema, plainFieldCoordinates } from '../../src/server/schema';

describe('plain fields', () => {
  test('a field that only reads its property goes through graphql-js\'s default resolver; one with a field resolver keeps it', async () => {
    const schema = await buildAppSchema();
    const note = schema.getType('Note') as GraphQLObjectType;
    expect(note.getFields().title!.resolve).toBeUndefined();
    expect(note.getFields().likeCount!.resolve).toBeUndefined();
    // Field resolvers, and the private and visibility-guarded fields wrapped after, still resolve.
    expect(note.getFields().author!.resolve).toEqual(expect.any(Function));
    expect(note.getFields().createdAt!.resolve).toEqual(expect.any(Function));
    expect((schema.getType('User') as GraphQLObjectType).getFields().email!.resolve).toEqual(expect.any(Function));
    expect(plainFieldCoordinates.length).toBeGreaterThan(100);
    expect(plainFieldCoordinates).not.toContain('Note.author');
  });
});
