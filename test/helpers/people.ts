import crypto from 'node:crypto';
import type { TestApp } from './app';
import { uniqueHandle } from './app';
import { CreateNoteDocument, FollowDocument, LogInAttemptDocument, SignUpDocument, type CreateNoteInput, type CreateNoteMutation } from '../generated/graphql';

export interface Person {
  id: string;
  handle: string;
  email: string;
  token: string;
  password: string;
}

/** The sign-up operation, for tests that sign up by hand (an admin's address, a bad input). */
export const SIGN_UP = SignUpDocument;

/** Signs a new person up through the API, the way a client would. */
export async function signUp(t: TestApp, name: string, password = 'correct horse battery'): Promise<Person> {
  const handle = uniqueHandle(name);
  const email = `${handle}@example.com`;
  const { user, token, userErrors } = (await t.ok(SignUpDocument, { input: { email, handle, displayName: name, password } })).signUp;
  if (!user || !token) throw new Error(`signUp refused: ${JSON.stringify(userErrors)}`);
  return { id: user.id, handle, email, token, password };
}

/**
 * Signs up one person per name, in parallel, and returns them keyed by name:
 * `const { reader, author } = await people(t, ['reader', 'author'])`. Each is a signed-up
 * Person, never undefined, so tests need no `!` after destructuring an array of sign-ups.
 */
export async function people<const N extends string>(t: TestApp, names: readonly N[]): Promise<Record<N, Person>> {
  const signedUp = await Promise.all(names.map(async (name) => [name, await signUp(t, name)] as const));
  return Object.fromEntries(signedUp) as Record<N, Person>;
}

/**
 * How a login attempt was answered: a top-level error's code (RATE_LIMITED), else the code of
 * its payload's user error (INVALID_CREDENTIALS, INVALID), else OK.
 */
export async function logInCode(t: TestApp, login: string, password: string): Promise<string> {
  const result = await t.gql(LogInAttemptDocument, { login, password });
  return result.errors?.[0]?.extensions.code ?? result.data?.logIn.userErrors[0]?.code ?? 'OK';
}

export async function follow(t: TestApp, who: Person, whom: Person): Promise<void> {
  const data = await t.ok(FollowDocument, { id: whom.id }, who.token);
  if (!data.follow.user) throw new Error(`follow refused: ${JSON.stringify(data.follow)}`);
}

export const CREATE_NOTE = CreateNoteDocument;

export type PostedNote = NonNullable<CreateNoteMutation['createNote']['note']>;

/** Posts a note through the API; fields default to a plain public image-and-text note. */
export async function postNote(t: TestApp, who: Person, fields: Partial<CreateNoteInput> = {}): Promise<PostedNote> {
  const input: CreateNoteInput = {
    title: 'My new favourite serum',
    body: 'Three weeks in and my skin is glowing.',
    format: 'IMAGE_TEXT',
    media: [{ url: 'https://img.example.com/serum.jpg', kind: 'IMAGE', width: 1080, height: 1440 }],
    topics: ['skincare'],
    ...fields,
  };
  const data = await t.ok(CreateNoteDocument, { input }, who.token);
  return data.createNote.note!;
}

/** A product node with an id, as the commerce module will create them. */
export async function createProduct(t: TestApp): Promise<string> {
  const id = crypto.randomUUID();
  await t.db.driver.executeQuery('CREATE (:Product {id: $id, testPrefix: $prefix})', { id, prefix: process.env.ZHONGCAO_TEST_PREFIX ?? '' });
  return id;
}
