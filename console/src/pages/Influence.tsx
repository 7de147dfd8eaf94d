import { useState, type FormEvent } from 'react';
import { useClient, useQuery } from 'urql';
import { findUserId, formatMoney, formatPercent } from '../api';
import { formatAmounts } from '../gmv';
import { ErrorNote, Loading, Panel, PeriodPicker, signedInAs, signedInAsStaff, Stat, usePeriod, type PeriodDays } from '../components/ui';
import { ConsoleKolReportDocument, ConsoleLeaderboardDocument, type LeaderboardKind } from '../generated/graphql';

type Kind = LeaderboardKind;
const KINDS: Kind[] = ['INFLUENCE', 'ENGAGEMENT', 'REFERRAL', 'GMV'];

const PAGE = 20;

export function InfluencePage() {
  const [kind, setKind] = useState<Kind>('INFLUENCE');
  const [days, setDays] = useState<PeriodDays>(30);
  const [after, setAfter] = useState<(string | null)[]>([null]);
  const [kol, setKol] = useState<string | null>(null);
  const period = usePeriod(days, signedInAsStaff());
  const cursor = after[after.length - 1] ?? null;
  const [{ data, fetching, error }] = useQuery({
    query: ConsoleLeaderboardDocument,
    variables: { kind, first: PAGE, after: cursor, period },
  });
  const board = data?.leaderboard;
  const show = (v: number) => (kind === 'GMV' ? formatMoney(v) : kind === 'REFERRAL' ? `${v} orders` : v.toFixed(2));

  return (
    <div className="stack">
      <Panel
        title="Leaderboard"
        actions={
          <span className="inline">
            <select
              aria-label="Ranking"
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as Kind);
                setAfter([null]);
              }}
            >
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {k.toLowerCase()}
                </option>
              ))}
            </select>
            <PeriodPicker
              value={days}
              onChange={(d) => {
                setDays(d);
                setAfter([null]);
              }}
            />
          </span>
        }
      >
        {fetching && !data ? <Loading what="the leaderboard" /> : null}
        <ErrorNote error={error} />
        <table className="table" data-testid="leaderboard">
          <thead>
            <tr>
              <th>#</th>
              <th>Creator</th>
              <th>Followers</th>
              <th>Tier</th>
              <th>{kind.toLowerCase()}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {board?.nodes.map((e) => (
              <tr key={e.user.id} aria-selected={kol === e.user.id}>
                <td>{e.position}</td>
                <td>
                  {e.user.displayName} <span className="muted">@{e.user.handle}</span>
                </td>
                <td>{e.user.followerCount}</td>
                <td>{e.user.influence?.tier ?? '–'}</td>
                <td>{show(e.value)}</td>
                <td>
                  <button type="button" onClick={() => setKol(e.user.id)}>
                    KOL report
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {board && board.nodes.length === 0 ? <p className="muted">Nobody ranks yet. INFLUENCE and ENGAGEMENT appear after the influence job has run.</p> : null}
        <div className="pager">
          <button type="button" disabled={after.length <= 1} onClick={() => setAfter((a) => a.slice(0, -1))}>
            Previous
          </button>
          <button type="button" disabled={!board?.pageInfo.hasNextPage} onClick={() => setAfter((a) => [...a, board!.pageInfo.endCursor])}>
            Next
          </button>
        </div>
      </Panel>
      <KolLookup onFound={setKol} />
      {kol ? <KolReportPanel userId={kol} days={days} /> : null}
    </div>
  );
}

/** Any creator's report, not only those on the current leaderboard page. */
function KolLookup({ onFound }: { onFound(userId: string): void }) {
  const client = useClient();
  const [handle, setHandle] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const find = async (event: FormEvent) => {
    event.preventDefault();
    const found = await findUserId(client, handle);
    if (found.userId) {
      setMissing(null);
      onFound(found.userId);
    } else setMissing(found.error ? found.error.message : `No user @${handle.trim().replace(/^@/, '')}`);
  };
  return (
    <form className="inline-form" aria-label="Find a creator's KOL report" onSubmit={find}>
      <input aria-label="Creator handle" placeholder="Creator handle" value={handle} onChange={(e) => setHandle(e.target.value)} required maxLength={31} />
      <button type="submit">Open KOL report</button>
      {missing ? <span className="muted">{missing}</span> : null}
    </form>
  );
}

function KolReportPanel({ userId, days }: { userId: string; days: PeriodDays }) {
  const period = usePeriod(days, signedInAsStaff() || signedInAs(userId));
  const [{ data, fetching, error }] = useQuery({ query: ConsoleKolReportDocument, variables: { userId, period } });
  const r = data?.kolReport;
  return (
    <Panel title={r ? `KOL report: ${r.user.displayName} @${r.user.handle}` : 'KOL report'}>
      {fetching && !data ? <Loading what="the report" /> : null}
      <ErrorNote error={error} />
      {r ? (
        <div data-testid="kol-report">
          <div className="stats-row">
            <Stat label="followers" value={r.followers} />
            <Stat label="follower growth" value={(r.followerGrowth >= 0 ? '+' : '') + r.followerGrowth} />
            <Stat label="engagement rate" value={formatPercent(r.engagementRate)} />
            <Stat label="interactions" value={r.interactions} />
            <Stat label="notes" value={r.notes} />
            <Stat label="conversions" value={r.conversions} />
            <Stat label="GMV" value={formatAmounts(r.gmv)} />
            {r.influence ? <Stat label={`influence (rank ${r.influence.rank}, ${r.influence.tier})`} value={r.influence.score.toFixed(2)} /> : null}
          </div>
          <h3>Top notes</h3>
          <table className="table">
            <thead>
              <tr>
                <th>Note</th>
                <th>Likes</th>
                <th>Collects</th>
                <th>Comments</th>
                <th>Shares</th>
              </tr>
            </thead>
            <tbody>
              {r.topNotes.map((n) => (
                <tr key={n.id}>
                  <td>{n.title}</td>
                  <td>{n.likeCount}</td>
                  <td>{n.collectCount}</td>
                  <td>{n.commentCount}</td>
                  <td>{n.shareCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Panel>
  );
}
