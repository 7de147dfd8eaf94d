import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import type { Session } from '../api';
import { ErrorNote } from '../components/ui';
import { ConsoleLogInDocument } from '../generated/graphql';

export function SignInPage({ onSignedIn }: { onSignedIn(session: Session): void }) {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [result, logIn] = useMutation(ConsoleLogInDocument);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { data } = await logIn({ input: { login: login.trim(), password } });
    if (data) onSignedIn(data.logIn);
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
        <ErrorNote error={result.error} />
      </form>
    </main>
  );
}
