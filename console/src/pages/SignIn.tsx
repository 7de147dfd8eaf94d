import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import type { Session } from '../api';
import { ErrorNote } from '../components/ui';
import { ConsoleLogInDocument } from '../generated/graphql';

export function SignInPage({ onSignedIn }: { onSignedIn(session: Session): void }) {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [result, logIn] = useMutation(ConsoleLogInDocument);
  const [refused, setRefused] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRefused(null);
    const { data } = await logIn({ input: { login: login.trim(), password } });
    if (!data) return;
    const { token, expiresAt, user, userErrors } = data.logIn;
    // A wrong login or password is answered in the payload's userErrors, not as a GraphQL error.
    if (token && expiresAt && user) onSignedIn({ token, expiresAt, user });
    else setRefused(userErrors.map((e) => `${e.message} (${e.code})`).join('; ') || 'Sign-in refused');
  };

  return (
    <main className="sign-in">
      <form onSubmit={submit} aria-label="Sign in">
        <h1>种草 Zhongcao console</h1>
        <p className="muted">For community managers and growth teams. Sign in with your Zhongcao account.</p>
        <label>
          Email or handle
          <input name="login" autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} required maxLength={254} />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required maxLength={200} />
        </label>
        <button type="submit" disabled={result.fetching}>
          {result.fetching ? 'Signing in…' : 'Sign in'}
        </button>
        <ErrorNote error={result.error ?? (refused ? { message: refused } : null)} />
      </form>
    </main>
  );
}
