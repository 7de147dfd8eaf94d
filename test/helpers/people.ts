import crypto from 'node:crypto';
import type { TestApp } from './app';
import { uniqueHandle } from './app';

export interface Person {
  id: string;
  handle: string;
  email: string;
  token: string;
  password: string;
}

export const SIGN_UP = `
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) { token expiresAt user { id handle displayName email } }
  }`;

/** Signs a new person up through the API, the way a client would. */
export async function signUp(t: TestApp, name: string, password = 'correct horse battery'): Promise<Person> {
  const handle = uniqueHandle(name);
  const email = `${handle}@example.com`;
  const data = await t.ok(SIGN_UP, { input: { email, handle, displayName: name, password } });
  return { id: data.signUp.user.id, handle, email, token: data.signUp.token, password };
}

export async function follow(t: TestApp, who: Person, whom: Person): Promise<void> {
  await t.ok(`mutation($id: ID!) { follow(userId: $id) { id } }`, { id: whom.id }, who.token);
}

export const CREATE_NOTE = `
  mutation CreateNote($input: CreateNoteInput!) {
    createNote(input: $input) { id title body format visibility topics { name } products { id } media { url kind width height durationSec }
      likeCount collectCount commentCount shareCount viewCount createdAt editedAt author { id } }
  }`;

/** Posts a note through the API; fields default to a plain public image-and-text note. */
export async function postNote(t: TestApp, who: Person, fields: Record<string, unknown> = {}): Promise<{ id: string }> {
  const input = {
    title: 'My new favourite serum',
    body: 'Three weeks in and my skin is glowing.',
    format: 'IMAGE_TEXT',
    media: [{ url: 'https://img.example.com/serum.jpg', kind: 'IMAGE', width: 1080, height: 1440 }],
    topics: ['skincare'],
    ...fields,
  };
  const data = await t.ok(CREATE_NOTE, { input }, who.token);
  return data.createNote;
}

/** A product node with an id, as the commerce module will create them. */
export async function createProduct(t: TestApp): Promise<string> {
  const id = crypto.randomUUID();
  await t.db.driver.executeQuery('CREATE (:Product {id: $id, testPrefix: $prefix})', { id, prefix: process.env.ZHONGCAO_TEST_PREFIX ?? '' });
  return id;
}
