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
