import { useState, type FormEvent } from 'react';
import { useClient, useQuery, type Client, type CombinedError } from 'urql';
import { findUserId, formatPercent, formatTime } from '../api';
import { formatAmounts } from '../gmv';
import { BarChart } from '../components/charts';
import { ReferralTreeView, DEPTH_COLOURS } from '../components/ReferralTree';
import { ErrorNote, Loading, Panel, PeriodPicker, usePeriod, type PeriodDays } from '../components/ui';
import {
  ConsoleGrowthDocument,
  ConsoleHotSearchesDocument,
  ConsoleReferralChainDocument,
  ConsoleReferralTreeOfNoteDocument,
  ConsoleReferralTreeOfProductDocument,
  ConsoleReferralTreeOfShareLinkDocument,
  ConsoleReferralTreeOfUserDocument,
  type ConsoleReferralTreePageFragment,
  type SearchWindow,
} from '../generated/graphql';

type TreeResult = ConsoleReferralTreePageFragment;

/** The most links the console draws (ten pages of 200); a larger tree says how many it leaves out. */
const MAX_DRAWN_NODES = 2_000;

type RootKind = 'user' | 'shareCode' | 'note' | 'product';
const ROOT_LABELS: Record<RootKind, string> = { user: 'User handle', shareCode: 'Share code', note: 'Note id', product: 'Product id' };

/** One page of a tree: each kind of root is its own lookup field (a user id, a share code, a note or product id). */
async function treePage(client: Client, kind: RootKind, key: string, maxDepth: number, after: string | null): Promise<{ page: TreeResult | null; error: CombinedError | null }> {
  const options = { requestPolicy: 'network-only' } as const;
  const answer = <T,>(result: { data?: T; error?: CombinedError }, pick: (data: T) => TreeResult | null | undefined) => ({ page: (result.data && pick(result.data)) ?? null, error: result.error ?? null });
  switch (kind) {
    case 'user':
      return answer(await client.query(ConsoleReferralTreeOfUserDocument, { userId: key, maxDepth, after }, options).toPromise(), (d) => d.referralTreeOfUser);
    case 'shareCode':
      return answer(await client.query(ConsoleReferralTreeOfShareLinkDocument, { shareCode: key, maxDepth, after }, options).toPromise(), (d) => d.referralTreeOfShareLink);
    case 'note':
      return answer(await client.query(ConsoleReferralTreeOfNoteDocument, { noteId: key, maxDepth, after }, options).toPromise(), (d) => d.referralTreeOfNote);
    case 'product':
      return answer(await client.query(ConsoleReferralTreeOfProductDocument, { productId: key, maxDepth, after }, options).toPromise(), (d) => d.referralTreeOfProduct);
  }
}

export function GrowthPage() {
  return (
    <div className="stack">
      <ReferralTreePanel />
      <ReferralChainPanel />
      <HotSearchesPanel />
      <GrowthTables />
    </div>
  );
}

function ReferralTreePanel() {
  const client = useClient();
  const [kind, setKind] = useState<RootKind>('user');
  const [value, setValue] = useState('');
  const [maxDepth, setMaxDepth] = useState(10);
  const [state, setState] = useState<{ loading: boolean; error: CombinedError | null; tree: TreeResult | null; label: string }>({ loading: false, error: null, tree: null, label: '' });

  const open = async (event: FormEvent) => {
    event.preventDefault();
    const input = value.trim().replace(/^@/, '');
    setState({ loading: true, error: null, tree: null, label: '' });
    let key = input;
    if (kind === 'user') {
      const found = await findUserId(client, input);
      if (!found.userId) {
        setState({ loading: false, error: found.error, tree: null, label: found.error ? '' : `No user @${input}` });
        return;
      }
      key = found.userId;
    }
    // The API answers a tree's links a page at a time: read the pages until the last one (or the
    // console's drawing limit), keeping the first page's totals, which cover the whole tree.
    let tree: TreeResult | null = null;
    let error: CombinedError | null = null;
    for (let after: string | null = null; ; ) {
      const answer = await treePage(client, kind, key, maxDepth, after);
      const page = answer.page;
      error = answer.error;
      if (!page) break;
      const drawn: TreeResult = tree ? { ...tree, nodes: { ...page.nodes, nodes: [...tree.nodes.nodes, ...page.nodes.nodes] } } : page;
      tree = drawn;
      if (!page.nodes.pageInfo.hasNextPage || drawn.nodes.nodes.length >= MAX_DRAWN_NODES) break;
      after = page.nodes.pageInfo.endCursor;
    }
    const label = kind === 'user' ? `@${input}` : `${ROOT_LABELS[kind]} ${input}`;
    // A root that is unknown, or that the viewer may not see, answers null rather than an error.
    setState({ loading: false, error, tree, label: tree || error ? label : `Nothing found for ${label}` });
  };

  const t = state.tree;
  return (
    <Panel title="Referral tree">
      <form className="inline-form" onSubmit={open} aria-label="Open a referral tree">
        <select aria-label="Tree of" value={kind} onChange={(e) => setKind(e.target.value as RootKind)}>
          {(Object.keys(ROOT_LABELS) as RootKind[]).map((k) => (
            <option key={k} value={k}>
              {ROOT_LABELS[k]}
            </option>
          ))}
        </select>
        <input aria-label={ROOT_LABELS[kind]} placeholder={ROOT_LABELS[kind]} value={value} onChange={(e) => setValue(e.target.value)} required maxLength={100} />
        <label className="inline">
          depth{' '}
          <input type="number" min={0} max={10} value={maxDepth} onChange={(e) => setMaxDepth(Math.max(0, Math.min(10, Number(e.target.value))))} />
        </label>
        <button type="submit" disabled={state.loading}>
          Open tree
        </button>
      </form>
      {state.loading ? <Loading what="the tree" /> : null}
      <ErrorNote error={state.error} />
      {!state.tree && state.label ? <p className="muted">{state.label}</p> : null}
      {t ? (
        <>
          <p data-testid="tree-totals">
            <strong>{t.totals.links}</strong> links · {t.totals.visits} visits · {t.totals.signUps} sign-ups · {t.totals.buyers} buyers · {t.totals.orders} orders ·{' '}
            {formatAmounts(t.totals.gmv)}
            {t.nodes.nodes.length < t.nodes.totalCount ? <span className="badge">showing {t.nodes.nodes.length} of {t.nodes.totalCount} links</span> : null}
          </p>
          {t.nodes.nodes.length ? <ReferralTreeView key={state.label} nodes={t.nodes.nodes} rootLabel={state.label} /> : <p className="muted">No shares yet.</p>}
        </>
      ) : null}
    </Panel>
  );
}

function ReferralChainPanel() {
  const [orderId, setOrderId] = useState('');
  const [submitted, setSubmitted] = useState<string | null>(null);
  const [{ data, fetching, error }] = useQuery({ query: ConsoleReferralChainDocument, variables: { orderId: submitted ?? '' }, pause: !submitted });
  const chain = data?.referralChain;
  return (
    <Panel title="Referral chain of an order">
      <form
        className="inline-form"
        aria-label="Open an order's referral chain"
        onSubmit={(e) => {
          e.preventDefault();
          setSubmitted(orderId.trim());
        }}
      >
        <input aria-label="Order id" placeholder="Order id" value={orderId} onChange={(e) => setOrderId(e.target.value)} required maxLength={100} />
        <button type="submit">Show chain</button>
      </form>
      {fetching ? <Loading what="the chain" /> : null}
      <ErrorNote error={error} />
      {chain ? (
        <div className="chain" data-testid="referral-chain" aria-label={`${chain.length} hops`}>
          {chain.hops.nodes.map((hop, i) => {
            // The buyer is the chain's last hop, which the first page of a long chain does not reach.
            const last = i === chain.hops.totalCount - 1;
            return (
              <div key={`${hop.user.id}-${i}`} className="hop">
                <div className="hop-person" style={{ borderColor: last ? '#111827' : DEPTH_COLOURS[Math.min(i, DEPTH_COLOURS.length - 1)] }} data-testid="chain-hop">
                  <strong>@{hop.user.handle}</strong>
                  <span className="muted">{last ? 'bought' : `shared ${hop.shareLink?.code ?? ''}`}</span>
                  <span className="muted">{formatTime(hop.createdAt)}</span>
                </div>
                {!last ? <div className="hop-arrow">{hop.channel?.toLowerCase() ?? ''} →</div> : null}
              </div>
            );
          })}
          {chain.hops.nodes.length < chain.hops.totalCount ? <span className="badge">showing {chain.hops.nodes.length} of {chain.hops.totalCount} hops</span> : null}
          {chain.length === 0 ? <p className="muted">The order came through no share link.</p> : null}
        </div>
      ) : null}
    </Panel>
  );
}

/** "▲ 3", "▼ 1", "–" or "new": a query's move against the window before. */
function trend(rankChange: number | null): string {
  if (rankChange === null) return 'new';
  if (rankChange === 0) return '–';
  return rankChange > 0 ? `▲ ${rankChange}` : `▼ ${-rankChange}`;
}

/** What people search for (hotSearches): public, so every signed-in user of the console sees it. */
function HotSearchesPanel() {
  const [span, setSpan] = useState<SearchWindow>('HOUR');
  const [{ data, fetching, error }] = useQuery({ query: ConsoleHotSearchesDocument, variables: { window: span }, requestPolicy: 'cache-and-network' });
  const picker = (
    <select aria-label="Hot searches window" value={span} onChange={(e) => setSpan(e.target.value as SearchWindow)}>
      <option value="HOUR">Last hour</option>
      <option value="DAY">Last 24 hours</option>
    </select>
  );
  const hot = data?.hotSearches ?? [];
  return (
    <Panel title="Hot searches" actions={picker}>
      {fetching && !data ? <Loading what="hot searches" /> : null}
      <ErrorNote error={error} />
      {data && hot.length === 0 ? <p className="muted">No query has been searched by 3 or more people in this window yet.</p> : null}
      {hot.length ? <BarChart title="Distinct searchers per query" points={hot.slice(0, 10).map((h) => ({ label: h.query, value: h.count }))} /> : null}
      <table className="table" data-testid="hot-searches">
        <thead>
          <tr>
            <th>#</th>
            <th>Query</th>
            <th>Searchers</th>
            <th>Trend</th>
          </tr>
        </thead>
        <tbody>
          {hot.map((h) => (
            <tr key={h.query}>
              <td>{h.rank}</td>
              <td>{h.query}</td>
              <td>{h.count}</td>
              <td className={h.rankChange !== null && h.rankChange < 0 ? 'muted' : undefined}>{trend(h.rankChange)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}

function GrowthTables() {
  const [days, setDays] = useState<PeriodDays>(30);
  // Staff-only tables, which may include today.
  const period = usePeriod(days, true);
  const [{ data, fetching, error }] = useQuery({ query: ConsoleGrowthDocument, variables: { period } });
  return (
    <>
      <Panel title="Top referrers" actions={<PeriodPicker value={days} onChange={setDays} />}>
        {fetching && !data ? <Loading what="referrers" /> : null}
        <ErrorNote error={error} />
        <table className="table" data-testid="top-referrers">
          <thead>
            <tr>
              <th>#</th>
              <th>Sharer</th>
              <th>Orders</th>
              <th>Buyers</th>
              <th>GMV</th>
            </tr>
          </thead>
          <tbody>
            {data?.topReferrers.map((r, i) => (
              <tr key={r.user.id}>
                <td>{i + 1}</td>
                <td>
                  {r.user.displayName} <span className="muted">@{r.user.handle}</span>
                </td>
                <td>{r.orders}</td>
                <td>{r.buyers}</td>
                <td>{formatAmounts(r.gmv)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
      <Panel title="Conversion by channel">
        {data ? <BarChart title="Orders per visit, by channel" points={data.conversionByChannel.map((c) => ({ label: c.channel, value: c.conversionRate }))} format={formatPercent} /> : null}
        <table className="table">
          <thead>
            <tr>
              <th>Channel</th>
              <th>Links</th>
              <th>Visits</th>
              <th>Sign-ups</th>
              <th>Orders</th>
              <th>Conversion</th>
              <th>GMV</th>
            </tr>
          </thead>
          <tbody>
            {data?.conversionByChannel.map((c) => (
              <tr key={c.channel}>
                <td>{c.channel}</td>
                <td>{c.links}</td>
                <td>{c.visits}</td>
                <td>{c.signUps}</td>
                <td>{c.orders}</td>
                <td>{formatPercent(c.conversionRate)}</td>
                <td>{formatAmounts(c.gmv)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
    </>
  );
}
