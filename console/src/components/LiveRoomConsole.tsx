import { useEffect, useRef, useState } from 'react';
import { useClient, useMutation, useQuery, useSubscription, type CombinedError } from 'urql';
import { findUserId, formatMoney, formatTime } from '../api';
import { addNews, countdown, latest, mergeComments, newsClock, NO_NEWS, parseMinor, pinNow, type LiveComment, type LiveNews, type LivePin } from '../live';
import { ErrorNote, Loading, Panel, Stat } from './ui';
import { LiveRoomStatsView } from './LiveRoomStatsView';
import {
  ConsoleAddRoomModeratorDocument,
  ConsoleEndLiveDocument,
  ConsoleLiveRoomDocument,
  ConsoleLiveRoomEventsDocument,
  ConsoleLiveRoomStatsDocument,
  ConsoleMuteInRoomDocument,
  ConsolePinCommentDocument,
  ConsolePinProductDocument,
  ConsoleStartLiveDocument,
  ConsoleUnpinProductDocument,
  type ConsoleLiveRoomEventsSubscription,
  type ConsoleLiveRoomQuery,
} from '../generated/graphql';

type Room = NonNullable<ConsoleLiveRoomQuery['liveRoom']>;
type Refused = { field?: readonly string[] | null; message: string; code: string };

/** Mute lengths offered per comment; the API takes 1 minute to 7 days. */
const MUTE_MINUTES = [5, 10, 30, 60, 24 * 60, 7 * 24 * 60] as const;

/** What a mutation answered: its transport error or its userErrors, shown where the action was taken. */
function Outcome({ error, refused }: { error?: CombinedError | undefined; refused?: readonly Refused[] | undefined }) {
  return (
    <>
      <ErrorNote error={error} />
      {refused?.map((e) => (
        <p key={`${e.code}-${e.field?.join('.') ?? ''}`} className="error" role="alert">
          {e.message} ({e.code})
        </p>
      ))}
    </>
  );
}

/** Renders again every second, for countdowns; each render reads the clock itself, so a countdown is never a tick behind. */
function useEverySecond(): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, []);
}

/**
 * A live room as its host, moderators and community managers run it: the room's snapshot (the
 * room query) overlaid with what liveRoomEvents pushed since, so the comments, the pinned product
 * with its flash stock and the counters move without a reload; the room's figures once it ends.
 */
export function LiveRoomConsole({ roomId }: { roomId: string }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: ConsoleLiveRoomDocument, variables: { id: roomId } });
  const room = data?.liveRoom ?? null;
  const ended = room?.status === 'ENDED';
  const [{ data: news = NO_NEWS, error: streamError, stale }] = useSubscription<ConsoleLiveRoomEventsSubscription, LiveNews>(
    { query: ConsoleLiveRoomEventsDocument, variables: { roomId }, pause: !room || ended },
    (previous, event) => addNews(previous, event.liveRoomEvents),
  );
  // The stream's position when this snapshot arrived: news from before it is already in it.
  const snapshot = useRef<{ room: Room | null; since: number }>({ room: null, since: 0 });
  if (snapshot.current.room !== room) snapshot.current = { room, since: newsClock() };
  const since = snapshot.current.since;

  // A status change (going live, ending) is re-read whole: times, the pin dropped, the figures.
  const statusSeq = news.status?.seq ?? 0;
  useEffect(() => {
    if (statusSeq > snapshot.current.since) refetch({ requestPolicy: 'network-only' });
  }, [statusSeq, refetch]);

  if (fetching && !data) return <Loading what="the room" />;
  if (error) return <ErrorNote error={error} />;
  if (!room) return <p className="muted">This room does not exist or is not visible to you.</p>;

  const status = latest(room.status, since, news.status);
  const canModerate = room.viewerRole !== null && status === 'LIVE';
  return (
    <div className="live-console" data-testid="live-room" data-status={status}>
      <RoomHeader room={room} status={status} live={!stale && !streamError && status !== 'ENDED'} />
      <ErrorNote error={streamError} />
      {status === 'ENDED' ? (
        room.viewerRole ? (
          <LiveRoomStatsView roomId={room.id} />
        ) : (
          <p className="muted">The room has ended. Its figures are for its host and moderators.</p>
        )
      ) : (
        <div className="live-layout">
          <div>
            <LiveCounters room={room} since={since} news={news} />
            <PinnedProduct room={room} pin={pinNow(room.pinnedProduct, since, news)} canModerate={canModerate} />
            <Lineup room={room} canModerate={canModerate} />
            {room.viewerRole === 'HOST' ? <Moderators room={room} /> : null}
          </div>
          <CommentStream room={room} since={since} news={news} canModerate={canModerate} />
        </div>
      )}
    </div>
  );
}

function RoomHeader({ room, status, live }: { room: Room; status: Room['status']; live: boolean }) {
  const [started, start] = useMutation(ConsoleStartLiveDocument);
  const [endedResult, end] = useMutation(ConsoleEndLiveDocument);
  const [confirmEnd, setConfirmEnd] = useState(false);
  return (
    <Panel
      title={room.title}
      actions={
        <span className="inline">
          <span className={status === 'LIVE' ? 'badge live' : 'badge'} data-testid="room-status">
            {status.toLowerCase()}
          </span>
          {status === 'LIVE' ? <span className="muted">{live ? 'updating live' : 'connecting…'}</span> : null}
          {room.viewerRole === 'HOST' && status === 'SCHEDULED' ? (
            <button type="button" disabled={started.fetching} onClick={() => void start({ input: { roomId: room.id } })}>
              Go live
            </button>
          ) : null}
          {room.viewerRole === 'HOST' && status === 'LIVE' ? (
            confirmEnd ? (
              <>
                <button type="button" className="danger" disabled={endedResult.fetching} onClick={() => void end({ input: { roomId: room.id } }).then(() => setConfirmEnd(false))}>
                  End the stream now
                </button>
                <button type="button" onClick={() => setConfirmEnd(false)}>
                  Keep streaming
                </button>
              </>
            ) : (
              <button type="button" onClick={() => setConfirmEnd(true)}>
                End live
              </button>
            )
          ) : null}
        </span>
      }
    >
      <p className="muted">
        Hosted by {room.host.displayName} @{room.host.handle}
        {room.group ? <> · in {room.group.name}</> : ' · public room'}
        {room.viewerRole ? <> · you are its {room.viewerRole.toLowerCase()}</> : room.group?.viewerRole ? <> · you manage its group (watching only)</> : null}
      </p>
      <p className="muted">
        Scheduled {formatTime(room.scheduledStartAt)}
        {room.startedAt ? <> · live since {formatTime(room.startedAt)}</> : null}
        {room.endedAt ? <> · ended {formatTime(room.endedAt)}</> : null} · stream <span className="mono">{room.streamUrl}</span>
      </p>
      <Outcome error={started.error} refused={started.data?.startLive.userErrors} />
      <Outcome error={endedResult.error} refused={endedResult.data?.endLive.userErrors} />
    </Panel>
  );
}

function LiveCounters({ room, since, news }: { room: Room; since: number; news: LiveNews }) {
  // Purchases have no room field: the room's figures give the count so far, to those who run it.
  const [{ data: stats }] = useQuery({ query: ConsoleLiveRoomStatsDocument, variables: { roomId: room.id }, pause: room.viewerRole === null });
  const viewers = latest(room.currentViewers, since, news.viewers);
  const purchases = news.purchases?.value ?? stats?.liveRoomStats?.orders;
  return (
    <Panel title="Live counters">
      <div className="stats-row" data-testid="live-counters">
        <Stat label="watching now" value={<span data-testid="counter-viewers">{viewers}</span>} />
        {/* The peak is the most at once: never below the viewers counted now. */}
        <Stat label="peak viewers" value={<span data-testid="counter-peak">{Math.max(room.peakViewers, viewers)}</span>} />
        <Stat label="likes" value={<span data-testid="counter-likes">{latest(room.likeCount, since, news.likes)}</span>} />
        <Stat label="purchases" value={<span data-testid="counter-purchases">{purchases ?? '–'}</span>} />
      </div>
    </Panel>
  );
}

function PinnedProduct({ room, pin, canModerate }: { room: Room; pin: LivePin | null; canModerate: boolean }) {
  useEverySecond();
  const [result, unpin] = useMutation(ConsoleUnpinProductDocument);
  return (
    <Panel
      title="Pinned product"
      actions={
        pin && canModerate ? (
          <button type="button" disabled={result.fetching} onClick={() => void unpin({ input: { roomId: room.id } })}>
            Unpin
          </button>
        ) : null
      }
    >
      {!pin ? (
        <p className="muted">Nothing is pinned. Pin a product of the lineup to show it to every viewer{canModerate ? ', with a flash price if you like' : ''}.</p>
      ) : (
        <div data-testid="pinned-product" data-product={pin.product.id}>
          <strong>{pin.product.title}</strong> <span className="muted">regular {formatMoney(pin.product.price.amountMinor, pin.product.price.currency)}</span>
          {pin.flashPrice && pin.flashQuantity !== null ? (
            <div className="flash">
              <span className={pin.isFlashActive ? 'badge live' : 'badge'}>{pin.isFlashActive ? 'flash price on' : 'flash over'}</span>{' '}
              <strong>{formatMoney(pin.flashPrice.amountMinor, pin.flashPrice.currency)}</strong> ·{' '}
              <span data-testid="flash-left">{pin.flashLeft ?? 0}</span> of {pin.flashQuantity} flash units left
              {pin.flashEndsAt ? (
                <>
                  {' '}
                  · ends in <span data-testid="flash-countdown">{countdown(pin.flashEndsAt, Date.now())}</span>
                </>
              ) : (
                <span className="muted"> · while pinned and units last</span>
              )}
              <progress max={pin.flashQuantity} value={pin.flashLeft ?? 0} aria-label="Flash units left" />
            </div>
          ) : (
            <p className="muted">Pinned at the regular price since {formatTime(pin.pinnedAt)}.</p>
          )}
        </div>
      )}
      <Outcome error={result.error} refused={result.data?.unpinProduct.userErrors} />
    </Panel>
  );
}

function Lineup({ room, canModerate }: { room: Room; canModerate: boolean }) {
  return (
    <Panel title={`Lineup (${room.lineup.length})`}>
      <table className="table">
        <thead>
          <tr>
            <th>Product</th>
            <th>Price</th>
            <th>Stock</th>
            {canModerate ? <th>Pin (flash price and units optional)</th> : null}
          </tr>
        </thead>
        <tbody>
          {room.lineup.map((p) => (
            <tr key={p.id}>
              <td>{p.title}</td>
              <td>{formatMoney(p.price.amountMinor, p.price.currency)}</td>
              <td>{p.stock}</td>
              {canModerate ? (
                <td>
                  <PinForm roomId={room.id} product={p} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}

function PinForm({ roomId, product }: { roomId: string; product: Room['lineup'][number] }) {
  const [price, setPrice] = useState('');
  const [units, setUnits] = useState('');
  const [seconds, setSeconds] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [result, pin] = useMutation(ConsolePinProductDocument);
  const submit = async () => {
    const flashPriceMinor = price.trim() ? parseMinor(price) : null;
    const flashQuantity = units.trim() ? Number(units) : null;
    const flashSeconds = seconds.trim() ? Number(seconds) : null;
    // The same rules the API states, checked here so a typo is named before anything is sent.
    if (price.trim() && flashPriceMinor === null) return setProblem('The flash price is an amount such as 79 or 79.90.');
    if ((flashPriceMinor === null) !== (flashQuantity === null)) return setProblem('Give a flash price and flash units together, or neither.');
    if (flashPriceMinor !== null && flashPriceMinor >= product.price.amountMinor) return setProblem('The flash price must be below the regular price.');
    if (flashQuantity !== null && !(Number.isInteger(flashQuantity) && flashQuantity >= 1 && flashQuantity <= 100_000)) return setProblem('Flash units are 1 to 100000.');
    if (flashSeconds !== null && !(Number.isInteger(flashSeconds) && flashSeconds >= 10 && flashSeconds <= 86_400)) return setProblem('The flash price lasts 10 to 86400 seconds.');
    setProblem(null);
    const { data } = await pin({ input: { roomId, productId: product.id, flashPriceMinor, flashQuantity, seconds: flashSeconds } });
    if (data?.pinProduct.userErrors.length === 0) {
      setPrice('');
      setUnits('');
      setSeconds('');
    }
  };
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <input aria-label={`Flash price of ${product.title}`} placeholder="flash price" inputMode="decimal" size={8} value={price} onChange={(e) => setPrice(e.target.value)} />
      <input aria-label={`Flash units of ${product.title}`} placeholder="units" type="number" min={1} max={100000} style={{ width: '6em' }} value={units} onChange={(e) => setUnits(e.target.value)} />
      <input aria-label={`Flash seconds of ${product.title}`} placeholder="seconds" type="number" min={10} max={86400} style={{ width: '6em' }} value={seconds} onChange={(e) => setSeconds(e.target.value)} />
      <button type="submit" disabled={result.fetching} aria-label={`Pin ${product.title}`}>
        Pin
      </button>
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      <Outcome error={result.error} refused={result.data?.pinProduct.userErrors} />
    </form>
  );
}

function CommentStream({ room, since, news, canModerate }: { room: Room; since: number; news: LiveNews; canModerate: boolean }) {
  const comments = mergeComments(room.comments.nodes, news.comments);
  const pinned = latest(room.pinnedComment, since, news.pinnedComment);
  const [minutes, setMinutes] = useState<number>(10);
  const [pinResult, pinComment] = useMutation(ConsolePinCommentDocument);
  const [muteResult, mute] = useMutation(ConsoleMuteInRoomDocument);
  const [muted, setMuted] = useState<string | null>(null);
  const list = useRef<HTMLOListElement>(null);
  // Follow the newest comment, unless the reader scrolled up to read older ones.
  const last = comments[comments.length - 1]?.id;
  useEffect(() => {
    const el = list.current;
    if (el && el.scrollHeight - el.scrollTop - el.clientHeight < 120) el.scrollTop = el.scrollHeight;
  }, [last]);
  const muteAuthor = async (c: LiveComment) => {
    const { data } = await mute({ input: { roomId: room.id, userId: c.author.id, minutes } });
    setMuted(data?.muteInRoom.userErrors.length === 0 ? `@${c.author.handle} is muted in this room for ${minutes} minutes.` : null);
  };
  return (
    <Panel
      title="Comments"
      actions={
        canModerate ? (
          <label className="inline">
            Mute for{' '}
            <select aria-label="Mute minutes" value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
              {MUTE_MINUTES.map((m) => (
                <option key={m} value={m}>
                  {m < 60 ? `${m} min` : m < 1440 ? `${m / 60} h` : `${m / 1440} d`}
                </option>
              ))}
            </select>
          </label>
        ) : null
      }
    >
      {pinned ? (
        <div className="pinned-comment" data-testid="pinned-comment">
          <span className="badge">pinned</span> <strong>@{pinned.author.handle}</strong> {pinned.body}
          {canModerate ? (
            <button type="button" disabled={pinResult.fetching} onClick={() => void pinComment({ input: { roomId: room.id, commentId: null } })}>
              Unpin
            </button>
          ) : null}
        </div>
      ) : null}
      {news.droppedComments > 0 ? <p className="muted">{news.droppedComments} comments were skipped while this connection caught up.</p> : null}
      {comments.length === 0 ? <p className="muted">No comments yet: they appear here as viewers write them.</p> : null}
      <ol className="live-comments" ref={list} aria-live="polite">
        {comments.map((c) => (
          <li key={c.id} data-testid="live-comment" data-comment={c.id}>
            <time dateTime={c.createdAt}>{formatTime(c.createdAt).slice(-8)}</time>
            <span>
              <strong>@{c.author.handle}</strong> {c.body}
            </span>
            {canModerate ? (
              <span className="inline">
                <button type="button" disabled={pinResult.fetching || pinned?.id === c.id} onClick={() => void pinComment({ input: { roomId: room.id, commentId: c.id } })}>
                  Pin
                </button>
                {c.author.id !== room.host.id ? (
                  <button type="button" disabled={muteResult.fetching} aria-label={`Mute @${c.author.handle}`} onClick={() => void muteAuthor(c)}>
                    Mute
                  </button>
                ) : null}
              </span>
            ) : null}
          </li>
        ))}
      </ol>
      {muted ? (
        <p className="notice" role="status">
          {muted}
        </p>
      ) : null}
      <Outcome error={pinResult.error} refused={pinResult.data?.pinComment.userErrors} />
      <Outcome error={muteResult.error} refused={muteResult.data?.muteInRoom.userErrors} />
    </Panel>
  );
}

function Moderators({ room }: { room: Room }) {
  const client = useClient();
  const [handle, setHandle] = useState('');
  const [notFound, setNotFound] = useState<string | null>(null);
  const [result, add] = useMutation(ConsoleAddRoomModeratorDocument);
  const submit = async () => {
    const { userId, error } = await findUserId(client, handle);
    if (error || !userId) return setNotFound(error ? error.message : `Nobody has the handle ${handle.trim()}.`);
    setNotFound(null);
    const { data } = await add({ input: { roomId: room.id, userId } });
    if (data?.addRoomModerator.userErrors.length === 0) setHandle('');
  };
  const moderators = result.data?.addRoomModerator.liveRoom?.moderators ?? room.moderators;
  return (
    <Panel title="Room moderators">
      <p className="muted">{moderators.length ? moderators.map((m) => `@${m.handle}`).join(', ') : 'None yet: moderators pin and mute with you.'}</p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (handle.trim()) void submit();
        }}
      >
        <input aria-label="Moderator handle" placeholder="@handle" value={handle} maxLength={64} onChange={(e) => setHandle(e.target.value)} />
        <button type="submit" disabled={result.fetching || !handle.trim()}>
          Add moderator
        </button>
      </form>
      {notFound ? (
        <p className="error" role="alert">
          {notFound}
        </p>
      ) : null}
      <Outcome error={result.error} refused={result.data?.addRoomModerator.userErrors} />
    </Panel>
  );
}
