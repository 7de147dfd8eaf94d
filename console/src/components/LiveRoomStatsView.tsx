import { useQuery } from 'urql';
import { formatPercent } from '../api';
import { formatAmounts } from '../gmv';
import { BarChart, LineChart } from './charts';
import { ErrorNote, Loading, Panel, Stat } from './ui';
import { ConsoleLiveRoomStatsDocument } from '../generated/graphql';

const minuteLabel = (iso: string) => new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false });

/** A room's figures after its stream: totals, the per-minute timeline as charts, and how each pinned product sold. */
export function LiveRoomStatsView({ roomId }: { roomId: string }) {
  // Read afresh: the figures of a room that just ended include its last minute.
  const [{ data, fetching, error }] = useQuery({ query: ConsoleLiveRoomStatsDocument, variables: { roomId }, requestPolicy: 'network-only' });
  const s = data?.liveRoomStats;
  return (
    <Panel title="Room figures">
      {fetching && !data ? <Loading what="the room's figures" /> : null}
      <ErrorNote error={error} />
      {s ? (
        <div data-testid="live-room-stats">
          <div className="stats-row">
            <Stat label="peak viewers" value={s.peakViewers} />
            <Stat label="unique viewers" value={s.uniqueViewers} />
            <Stat label="comments" value={s.comments} />
            <Stat label="likes" value={s.likes} />
            <Stat label="orders" value={s.orders} />
            <Stat label="GMV" value={formatAmounts(s.gmv)} />
          </div>
          {s.timeline.length === 0 ? (
            <p className="muted">Nothing happened in the room, so there is no timeline.</p>
          ) : (
            <div className="charts">
              <LineChart title="Viewers per minute (most at once)" points={s.timeline.map((m) => ({ label: minuteLabel(m.minuteStartAt), value: m.peakViewers }))} />
              <BarChart title="Orders per minute" points={s.timeline.map((m) => ({ label: minuteLabel(m.minuteStartAt), value: m.orders }))} />
              <BarChart title="Comments per minute" points={s.timeline.map((m) => ({ label: minuteLabel(m.minuteStartAt), value: m.comments }))} />
              <BarChart title="Likes and joins per minute" points={s.timeline.map((m) => ({ label: minuteLabel(m.minuteStartAt), value: m.likes + m.joins }))} />
            </div>
          )}
          <h3>Pinned products</h3>
          {s.products.length === 0 ? (
            <p className="muted">No product was pinned.</p>
          ) : (
            <table className="table" aria-label="Conversion per pinned product">
              <thead>
                <tr>
                  <th>Product</th>
                  <th>Times pinned</th>
                  <th>Orders</th>
                  <th>Units</th>
                  <th>Flash units sold</th>
                  <th>Buyers</th>
                  <th>Conversion (buyers ÷ unique viewers)</th>
                  <th>GMV</th>
                </tr>
              </thead>
              <tbody>
                {s.products.map((p, i) => (
                  <tr key={p.product?.id ?? `gone-${i}`} data-testid="live-product-stats">
                    <td>{p.product?.title ?? <span className="muted">a product since removed</span>}</td>
                    <td>{p.timesPinned}</td>
                    <td>{p.orders}</td>
                    <td>{p.units}</td>
                    <td>{p.flashUnitsSold}</td>
                    <td>{p.buyers}</td>
                    <td>{formatPercent(p.conversionRate)}</td>
                    <td>{formatAmounts(p.gmv)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      ) : null}
    </Panel>
  );
}
