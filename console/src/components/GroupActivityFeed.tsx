import { useState } from 'react';
import { useSubscription } from 'urql';
import { formatTime } from '../api';
import { ErrorNote, Panel } from './ui';
import { ConsoleGroupActivityDocument, type ConsoleGroupActivitySubscription } from '../generated/graphql';

type Activity = ConsoleGroupActivitySubscription['groupActivity'];

const KEEP = 200;

const LABELS: Record<string, string> = {
  NOTE_POSTED: 'posted a note',
  COMMENT_ADDED: 'commented',
  MEMBER_JOINED: 'joined',
  MEMBER_LEFT: 'left',
  ROLE_CHANGED: 'changed a role',
  ANNOUNCEMENT: 'made an announcement',
  EVENT_CREATED: 'created an event',
  GROUP_BUY_PROGRESS: 'group buy progress',
  MODERATION: 'moderation',
};

export function GroupActivityFeed({ groupId }: { groupId: string }) {
  const [paused, setPaused] = useState(false);
  const [{ data, error, stale }] = useSubscription<ConsoleGroupActivitySubscription, Activity[]>(
    { query: ConsoleGroupActivityDocument, variables: { groupId }, pause: paused },
    (items = [], event) => [event.groupActivity, ...items].slice(0, KEEP),
  );
  const items = data ?? [];
  return (
    <Panel
      title="Live activity"
      actions={
        <span className="inline">
          <span className={paused ? 'badge' : 'badge live'} data-testid="live-status">
            {paused ? 'paused' : stale ? 'connecting' : 'live'}
          </span>
          <button type="button" onClick={() => setPaused((p) => !p)}>
            {paused ? 'Resume' : 'Pause'}
          </button>
        </span>
      }
    >
      <ErrorNote error={error} />
      {items.length === 0 ? <p className="muted">Waiting for activity… new posts, comments, joins and moderation appear here as they happen.</p> : null}
      <ol className="activity" aria-live="polite">
        {items.map((item, i) => (
          <li key={`${item.createdAt}-${item.kind}-${items.length - i}`} data-testid="activity-item" data-kind={item.kind}>
            <time dateTime={item.createdAt}>{formatTime(item.createdAt)}</time>
            <span className={`kind kind-${item.kind.toLowerCase()}`}>{item.kind.replace(/_/g, ' ').toLowerCase()}</span>
            <span>
              {item.actor ? <strong>@{item.actor.handle}</strong> : 'Someone'} {LABELS[item.kind] ?? item.kind.toLowerCase()}
              {item.subjectUser && item.subjectUser.id !== item.actor?.id ? <> · @{item.subjectUser.handle}</> : null}
              {item.detail ? <span className="muted"> · {item.detail}</span> : null}
            </span>
          </li>
        ))}
      </ol>
    </Panel>
  );
}
