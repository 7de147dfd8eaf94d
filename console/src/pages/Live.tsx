import { useState } from 'react';
import { useQuery } from 'urql';
import { formatTime } from '../api';
import { navigate } from '../router';
import { MANAGING } from '../groups';
import { ErrorNote, Loading, Panel } from '../components/ui';
import { LiveRoomConsole } from '../components/LiveRoomConsole';
import { ConsoleLiveRoomsDocument, type ConsoleLiveRoomsQuery, type LiveRoomStatus } from '../generated/graphql';

/** Rooms read per page of the list; only those the user runs or whose group they manage are shown. */
const PAGE = 50;

const STATUSES: { status: LiveRoomStatus; label: string }[] = [
  { status: 'LIVE', label: 'Live now' },
  { status: 'SCHEDULED', label: 'Scheduled' },
  { status: 'ENDED', label: 'Ended' },
];

type ListedRoom = ConsoleLiveRoomsQuery['liveRooms']['nodes'][number];

/** Rooms this console is for: the user hosts or moderates them, or manages the community they are in. */
const isRunBy = (room: ListedRoom) => room.viewerRole !== null || (room.group?.viewerRole != null && MANAGING.includes(room.group.viewerRole));

export function LivePage({ selectedRoomId }: { selectedRoomId: string | null }) {
  const [status, setStatus] = useState<LiveRoomStatus>('LIVE');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [typed, setTyped] = useState('');
  const choose = (next: LiveRoomStatus) => {
    setStatus(next);
    setCursors([null]);
  };
  return (
    <div className="groups-layout">
      <Panel title="Live rooms you run">
        <div role="tablist" aria-label="Room status" className="tabs">
          {STATUSES.map((s) => (
            <button key={s.status} role="tab" type="button" aria-selected={status === s.status} onClick={() => choose(s.status)}>
              {s.label}
            </button>
          ))}
        </div>
        <ul className="group-list" data-testid="live-room-list">
          {cursors.map((after, i) => (
            <RoomListPage
              key={`${status}-${after ?? ''}`}
              status={status}
              after={after}
              first={i === 0}
              selectedRoomId={selectedRoomId}
              onMore={i === cursors.length - 1 ? (next) => setCursors((c) => [...c, next]) : null}
            />
          ))}
        </ul>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (typed.trim()) navigate(`/live/${encodeURIComponent(typed.trim())}`);
          }}
        >
          <input aria-label="Room id" placeholder="open a room by id" value={typed} onChange={(e) => setTyped(e.target.value)} />
          <button type="submit" disabled={!typed.trim()}>
            Open room
          </button>
        </form>
      </Panel>
      {selectedRoomId ? (
        <LiveRoomConsole key={selectedRoomId} roomId={selectedRoomId} />
      ) : (
        <Panel title="Choose a room">
          <p className="muted">
            Pick a room on the left: while it is live you see its comments as they come (pin or mute from each one), the pinned product with its flash stock and countdown, and
            the live counters; once it ends, its figures minute by minute and per pinned product.
          </p>
        </Panel>
      )}
    </div>
  );
}

/** One page of the rooms of a status; the rooms of others on it are left out, and the last page offers the next. */
function RoomListPage({
  status,
  after,
  first,
  selectedRoomId,
  onMore,
}: {
  status: LiveRoomStatus;
  after: string | null;
  first: boolean;
  selectedRoomId: string | null;
  onMore: ((cursor: string) => void) | null;
}) {
  const [{ data, fetching, error }] = useQuery({ query: ConsoleLiveRoomsDocument, variables: { status, first: PAGE, after } });
  const page = data?.liveRooms;
  const mine = page?.nodes.filter(isRunBy) ?? [];
  return (
    <>
      {fetching && !data ? (
        <li>
          <Loading what="rooms" />
        </li>
      ) : null}
      {error ? (
        <li>
          <ErrorNote error={error} />
        </li>
      ) : null}
      {first && page && mine.length === 0 && !page.pageInfo.hasNextPage ? (
        <li>
          <p className="muted">No {status.toLowerCase()} room that you host, moderate or whose group you manage.</p>
        </li>
      ) : null}
      {mine.map((r) => (
        <li key={r.id}>
          <a href={`#/live/${encodeURIComponent(r.id)}`} aria-current={r.id === selectedRoomId ? 'page' : undefined} data-testid="live-room-link">
            <span className="group-name">{r.title}</span>
            <span className="muted">
              {r.viewerRole ? r.viewerRole.toLowerCase() : 'your group'} · @{r.host.handle}
              {r.group ? ` · ${r.group.name}` : ''} ·{' '}
              {r.status === 'LIVE' && r.startedAt ? `live since ${formatTime(r.startedAt)}` : r.status === 'ENDED' && r.endedAt ? `ended ${formatTime(r.endedAt)}` : `starts ${formatTime(r.scheduledStartAt)}`}
            </span>
          </a>
        </li>
      ))}
      {onMore && page?.pageInfo.hasNextPage && page.pageInfo.endCursor ? (
        <li>
          <button type="button" onClick={() => onMore(page.pageInfo.endCursor!)}>
            Look further ({page.totalCount} {status.toLowerCase()} rooms in all)
          </button>
        </li>
      ) : null}
    </>
  );
}
