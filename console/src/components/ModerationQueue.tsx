import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { formatTime } from '../api';
import { ErrorNote, Loading, Panel } from './ui';
import { ConsoleModerateDocument, ConsoleModerationQueueDocument, type ConsoleModerationQueueQuery } from '../generated/graphql';

type Case = ConsoleModerationQueueQuery['moderationQueue']['nodes'][number];

const ACTIONS = ['HIDE', 'REMOVE', 'RESTORE', 'MUTE', 'BAN', 'DISMISS'] as const;
const PAGE = 50;

export function ModerationQueue({ groupId }: { groupId: string }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: ConsoleModerationQueueDocument, variables: { groupId, first: PAGE } });
  return (
    <>
      <Panel
        title="Moderation queue"
        actions={
          <button type="button" onClick={() => refetch({ requestPolicy: 'network-only' })}>
            Refresh
          </button>
        }
      >
        {fetching && !data ? <Loading what="the queue" /> : null}
        <ErrorNote error={error} />
        {data ? (
          <p className="muted">
            {data.moderationQueue.totalCount} open case{data.moderationQueue.totalCount === 1 ? '' : 's'}, most reported first
            {data.moderationQueue.totalCount > PAGE ? ` (showing ${PAGE})` : ''}.
          </p>
        ) : null}
        <ul className="cases">
          {data?.moderationQueue.nodes.map((c) => (
            <CaseItem key={c.id} item={c} onDone={() => refetch({ requestPolicy: 'network-only' })} />
          ))}
        </ul>
      </Panel>
      <Panel title="Recent moderation log">
        <table className="table">
          <thead>
            <tr>
              <th>When</th>
              <th>Action</th>
              <th>Subject</th>
              <th>Details</th>
            </tr>
          </thead>
          <tbody>
            {data?.moderationLog.nodes.map((entry) => (
              <tr key={entry.id}>
                <td>{formatTime(entry.createdAt)}</td>
                <td>{entry.action}</td>
                <td className="mono">{entry.subjectId}</td>
                <td>{entry.details}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
    </>
  );
}

function CaseItem({ item, onDone }: { item: Case; onDone(): void }) {
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState(60);
  const [result, moderate] = useMutation(ConsoleModerateDocument);
  const act = async (action: (typeof ACTIONS)[number]) => {
    const { data, error } = await moderate({ input: { caseId: item.id, action, reason: reason.trim(), durationMinutes: action === 'MUTE' ? minutes : null } });
    // A refused action (say, a case another moderator decided a moment ago) stays on screen with its reason.
    if (!error && !data?.moderate.userErrors.length) onDone();
  };
  return (
    <li className="case" data-testid="moderation-case">
      <div>
        <strong>{item.target ? item.target.__typename.toLowerCase() : 'content'}</strong> <span className="mono">{item.targetId}</span>{' '}
        <span className="badge">{item.kind === 'PREMODERATION' ? 'held by pre-moderation' : `${item.reportCount} report${item.reportCount === 1 ? '' : 's'}`}</span>
      </div>
      {item.reasons.length ? <div>Reasons: {item.reasons.join(', ')}</div> : null}
      {item.matched?.length ? <div>Matched words: {item.matched.join(', ')}</div> : null}
      <div className="case-actions">
        <input aria-label="Reason" placeholder="Reason (shown to the author)" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
        <label className="inline">
          mute minutes <input type="number" min={1} max={43200} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} />
        </label>
        {ACTIONS.map((a) => (
          <button key={a} type="button" disabled={result.fetching || !reason.trim()} onClick={() => void act(a)}>
            {a.toLowerCase()}
          </button>
        ))}
      </div>
      <ErrorNote error={result.error} />
      {result.data?.moderate.userErrors.map((e) => (
        <p key={e.code} className="error" role="alert">
          {e.message}
        </p>
      ))}
    </li>
  );
}
