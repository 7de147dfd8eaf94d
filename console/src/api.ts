import { Client, cacheExchange, fetchExchange, subscriptionExchange, type CombinedError } from 'urql';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { ConsoleUserByHandleDocument, type ConsoleLogInMutation } from './generated/graphql';

/**
 * Who is signed in: what logIn returned. Kept for the browser tab only, so a shared machine forgets
 * it on close.
 */
type LogInResult = ConsoleLogInMutation['logIn'];

/** A signed-in session: a logIn payload that was not refused. */
export interface Session {
  token: string;
  expiresAt: LogInResult['expiresAt'] & string;
  user: NonNullable<LogInResult['user']>;
}

const SESSION_KEY = 'zhongcao.console.session';

export function loadSession(): Session | null {
  const raw = sessionStorage.getItem(SESSION_KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Session;
    return Date.parse(session.expiresAt) > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(SESSION_KEY);
}

/**
 * One urql client per session: queries and mutations over HTTP, subscriptions over graphql-ws on
 * the same /graphql path, both carrying the session's token.
 */
export function createApiClient(token: string | null): { client: Client; dispose(): void } {
  const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  const ws: WsClient = createWsClient({
    url: wsUrl,
    lazy: true,
    retryAttempts: 5,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
  });
  const client = new Client({
    url: '/graphql',
    // Always POST with JSON: the API's CSRF prevention refuses simple GET requests.
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: (): RequestInit => ({ headers: token ? { authorization: `Bearer ${token}` } : {} }),
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
  return { client, dispose: () => void ws.dispose() };
}

/** A GraphQL error's message without urql's "[GraphQL]" prefix, with its code when it has one. */
export function describeError(error: { graphQLErrors?: { message: string; extensions?: Record<string, unknown> }[]; networkError?: Error; message: string }): string {
  const first = error.graphQLErrors?.[0];
  if (first) {
    const code = first.extensions?.code;
    return typeof code === 'string' ? `${first.message} (${code})` : first.message;
  }
  return error.networkError ? `Network error: ${error.networkError.message}` : error.message;
}

export const formatMoney = (minor: number, currency = 'CNY') =>
  new Intl.NumberFormat('zh-CN', { style: 'currency', currency, maximumFractionDigits: 2 }).format(minor / 100);

export const formatTime = (iso: string) => new Date(iso).toLocaleString('en-GB', { hour12: false });

export const formatPercent = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The id of the user with this handle ("@" optional), null when nobody has it. */
export async function findUserId(client: Client, handle: string): Promise<{ userId: string | null; error: CombinedError | null }> {
  const result = await client
    .query(ConsoleUserByHandleDocument, { handle: handle.trim().replace(/^@/, '') }, { requestPolicy: 'network-only' })
    .toPromise();
  return { userId: result.data?.userByHandle?.id ?? null, error: result.error ?? null };
}
