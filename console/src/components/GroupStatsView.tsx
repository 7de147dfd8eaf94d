import { useState } from 'react';
import { useQuery } from 'urql';
import { formatMoney } from '../api';
import { BarChart, LineChart, RetentionTable } from './charts';
import { ErrorNote, Loading, Panel, PeriodPicker, signedInAsStaff, Stat, usePeriod, type PeriodDays } from './ui';
import { ConsoleGroupStatsDocument } from '../generated/graphql';

export function GroupStatsView({ groupId }: { groupId: string }) {
  const [days, setDays] = useState<PeriodDays>(30);
  const period = usePeriod(days, signedInAsStaff());
  const [{ data, fetching, error }] = useQuery({ query: ConsoleGroupStatsDocument, variables: { groupId, period } });
  const s = data?.groupStats;
  const short = (day: string) => day.slice(5);
  // GMV comes per currency (fen and cents do not add up): one figure and one chart for each.
  const currencies = s && s.gmv.length > 0 ? s.gmv.map((m) => m.currency) : ['CNY'];
  return (
    <Panel title="Group stats" actions={<PeriodPicker value={days} onChange={setDays} />}>
      {fetching && !data ? <Loading what="statistics" /> : null}
      <ErrorNote error={error} />
      {s ? (
        <>
          <div className="stats-row">
            <Stat label="members" value={s.totalMembers} />
            <Stat label="joined" value={s.newMembers} />
            <Stat label="left" value={s.leftMembers} />
            <Stat label="active members" value={s.activeMembers} />
            <Stat label="orders" value={s.orders} />
            <Stat label="GMV" value={s.gmv.length > 0 ? s.gmv.map((m) => formatMoney(m.amountMinor, m.currency)).join(' + ') : formatMoney(0)} />
          </div>
          <div className="charts">
            <LineChart title="Members over time" points={s.daily.map((d) => ({ label: short(d.day), value: d.members }))} />
            <BarChart title="Active members per day" points={s.daily.map((d) => ({ label: short(d.day), value: d.activeMembers }))} />
            {/* A withheld day (too few buyers to publish) draws as no bar. */}
            {currencies.map((currency) => (
              <BarChart
                key={currency}
                title={currencies.length > 1 ? `GMV per day (${currency})` : 'GMV per day'}
                points={s.daily.map((d) => ({ label: short(d.day), value: d.gmv?.find((m) => m.currency === currency)?.amountMinor ?? 0 }))}
                format={(v) => formatMoney(v, currency)}
              />
            ))}
            <BarChart title="Posts, comments and likes per day" points={s.daily.map((d) => ({ label: short(d.day), value: d.posts + d.comments + d.likes }))} />
          </div>
          <h3>Member levels</h3>
          <p className="muted">Members at each level now, from their contribution over all time (not only this period).</p>
          <BarChart title="Members per level" points={s.levelDistribution.map((l) => ({ label: `Lv${l.level}`, value: l.members }))} />
          <table className="table" aria-label="Members per level">
            <thead>
              <tr>
                <th>Level</th>
                <th>Members</th>
              </tr>
            </thead>
            <tbody>
              {s.levelDistribution.map((l) => (
                <tr key={l.level} data-testid="level-row" data-level={l.level}>
                  <td>Lv{l.level}</td>
                  <td>{l.members}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Retention cohorts</h3>
          <RetentionTable cohorts={s.retention} />
          <h3>Top contributors</h3>
          <table className="table">
            <thead>
              <tr>
                <th>Member</th>
                <th>Score</th>
                <th>Posts</th>
                <th>Comments received</th>
                <th>Likes received</th>
                <th>Invites</th>
              </tr>
            </thead>
            <tbody>
              {s.topContributors.map((c) => (
                <tr key={c.user.id}>
                  <td>
                    {c.user.displayName} <span className="muted">@{c.user.handle}</span>
                  </td>
                  <td>{c.score}</td>
                  <td>{c.posts}</td>
                  <td>{c.commentsReceived}</td>
                  <td>{c.likesReceived}</td>
                  <td>{c.invites}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </Panel>
  );
}
