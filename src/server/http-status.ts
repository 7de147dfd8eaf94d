import type { ApolloServerPlugin } from '@apollo/server';

export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';
export const APPLICATION_JSON = 'application/json';

interface Accepted {
  type: string;
  subtype: string;
  q: number;
  index: number;
}

function parseAccept(header: string): Accepted[] {
  return header
    .split(',')
    .map((part, index) => {
      const [range = '', ...params] = part.trim().split(';');
      const [type = '', subtype = ''] = range.trim().toLowerCase().split('/');
      const qParam = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('q='));
      const q = qParam === undefined ? 1 : Number(qParam.slice(2));
      return { type, subtype, q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((a) => a.type !== '' && a.subtype !== '' && a.q > 0);
}

/**
 * The media type Apollo answers a request with, by the same negotiation it does (the negotiator
 * package's order: the best quality, then the more specific range, then the earlier range in the
 * header, then Apollo's own order, application/json first); application/json without an Accept.
 */
export function negotiatedMediaType(accept: string | undefined | null): string | null {
  if (!accept) return APPLICATION_JSON;
  const offers = [APPLICATION_JSON, GRAPHQL_RESPONSE_JSON];
  const ranked = offers
    .map((offer, i) => {
      const [type, subtype] = offer.split('/') as [string, string];
      let best: { q: number; s: number; o: number } | null = null;
      for (const a of parseAccept(accept)) {
        const s = a.type === type && a.subtype === subtype ? 2 : a.type === type && a.subtype === '*' ? 1 : a.type === '*' && a.subtype === '*' ? 0 : -1;
        if (s < 0) continue;
        if (!best || s > best.s || (s === best.s && (a.q > best.q || (a.q === best.q && a.index < best.o)))) best = { q: a.q, s, o: a.index };
      }
      return best && { offer, i, ...best };
    })
    .filter((r) => r !== null)
    .sort((a, b) => b.q - a.q || b.s - a.s || a.o - b.o || a.i - b.i);
  return ranked[0]?.offer ?? null;
}

/** A document that does not parse, does not validate, or whose variables do not coerce (Apollo's codes). */
const REQUEST_ERRORS = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

/**
 * GraphQL-over-HTTP: a well-formed request whose document fails to parse or validate, or whose
 * variables do not coerce, is answered 200 when the response is application/json (legacy clients
 * read errors only from a 200), and 400 when it is application/graphql-response+json, whose
 * status says what happened. Apollo answers 400 for both; a body that is not JSON, a batch or a
 * request without a query is not a well-formed request and stays 400.
 */
export function requestErrorStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart({ request }) {
      const json = negotiatedMediaType(request.http?.headers.get('accept')) === APPLICATION_JSON;
      return {
        async willSendResponse({ response }) {
          if (!json || response.http.status !== 400 || response.body.kind !== 'single' || response.body.singleResult.data !== undefined) return;
          const errors = response.body.singleResult.errors ?? [];
          if (errors.length > 0 && errors.every((e) => REQUEST_ERRORS.has(String(e.extensions?.code)))) response.http.status = 200;
        },
      };
    },
  };
}
