import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'urql';
import { createApiClient, loadSession, saveSession, type Session } from './api';
import { useRoute, navigate } from './router';
import { SignInPage } from './pages/SignIn';
import { GroupsPage } from './pages/Groups';
import { GrowthPage } from './pages/Growth';
import { InfluencePage } from './pages/Influence';
import { LivePage } from './pages/Live';
import './styles.css';

function App() {
  const [session, setSession] = useState<Session | null>(loadSession);
  const api = useMemo(() => createApiClient(session?.token ?? null), [session?.token]);
  useEffect(() => api.dispose, [api]);
  const route = useRoute();

  const signIn = (next: Session) => {
    saveSession(next);
    setSession(next);
    navigate('/groups');
  };
  const signOut = () => {
    saveSession(null);
    setSession(null);
    navigate('/');
  };

  return (
    <Provider value={api.client}>
      {!session ? (
        <SignInPage onSignedIn={signIn} />
      ) : (
        <div className="shell">
          <header className="topbar">
            <strong className="brand">种草 Zhongcao console</strong>
            <nav aria-label="Sections">
              {(['groups', 'live', 'growth', 'influence'] as const).map((section) => (
                <a key={section} href={`#/${section}`} aria-current={route.section === section ? 'page' : undefined}>
                  {section[0]!.toUpperCase() + section.slice(1)}
                </a>
              ))}
            </nav>
            <span className="who" data-testid="signed-in-as">
              @{session.user.handle} · {session.user.role}
            </span>
            <button type="button" onClick={signOut}>
              Sign out
            </button>
          </header>
          <main>
            {route.section === 'growth' ? (
              <GrowthPage />
            ) : route.section === 'influence' ? (
              <InfluencePage />
            ) : route.section === 'live' ? (
              <LivePage selectedRoomId={route.id} />
            ) : (
              <GroupsPage selectedGroupId={route.id} session={session} />
            )}
          </main>
        </div>
      )}
    </Provider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
