import { useState } from 'react';
import { useQuery } from 'urql';
import type { Session } from '../api';
import { navigate } from '../router';
import { ErrorNote, Loading, Panel } from '../components/ui';
import { GroupActivityFeed } from '../components/GroupActivityFeed';
import { GroupMembers } from '../components/GroupMembers';
import { ModerationQueue } from '../components/ModerationQueue';
import { GroupStatsView } from '../components/GroupStatsView';
import { GroupSettings } from '../components/GroupSettings';
import { ConsoleManagedGroupDocument, ConsoleMyGroupsDocument } from '../generated/graphql';
import { MANAGING, type ManagedGroup } from '../groups';

/** Groups per page of the list; more come with a button, so a manager of many groups sees them all. */
const PAGE = 50;

const TABS = ['Activity', 'Members', 'Moderation', 'Stats', 'Settings'] as const;
type Tab = (typeof TABS)[number];

export function GroupsPage({ selectedGroupId, session }: { selectedGroupId: string | null; session: Session }) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  // The same query as the list's first page, answered from urql's cache: it offers the first group.
  const [{ data: firstPage }] = useQuery({ query: ConsoleMyGroupsDocument, variables: { first: PAGE, after: null } });
  // The group on screen is read by its id, so one on a later page (or opened by its link) shows too.
  const [{ data: picked }] = useQuery({ query: ConsoleManagedGroupDocument, variables: { id: selectedGroupId ?? '' }, pause: selectedGroupId === null });
  const candidate = selectedGroupId !== null && picked?.group?.id === selectedGroupId ? picked.group : null;
  const selected = candidate?.viewerRole && MANAGING.includes(candidate.viewerRole) ? candidate : null;
  const firstGroup = firstPage?.myGroups.nodes[0] ?? null;

  return (
    <div className="groups-layout">
      <Panel title="Groups you manage">
        <ul className="group-list">
          {cursors.map((after, i) => (
            <GroupListPage
              key={after ?? ''}
              after={after}
              selectedGroupId={selectedGroupId}
              onMore={i === cursors.length - 1 ? (next) => setCursors((c) => [...c, next]) : null}
            />
          ))}
        </ul>
      </Panel>
      {selected ? (
        <GroupConsole key={selected.id} group={selected} session={session} />
      ) : (
        <Panel title="Choose a group">
          <p className="muted">Pick a group on the left to see its live activity, members, moderation queue and statistics.</p>
          {firstGroup && !selectedGroupId ? (
            <button type="button" onClick={() => navigate(`/groups/${firstGroup.id}`)}>
              Open {firstGroup.name}
            </button>
          ) : null}
        </Panel>
      )}
    </div>
  );
}

/** One page of the groups the user manages; the last page offers the next one. */
function GroupListPage({ after, selectedGroupId, onMore }: { after: string | null; selectedGroupId: string | null; onMore: ((cursor: string) => void) | null }) {
  const [{ data, fetching, error }] = useQuery({ query: ConsoleMyGroupsDocument, variables: { first: PAGE, after } });
  const page = data?.myGroups;
  return (
    <>
      {fetching && !data ? (
        <li>
          <Loading what="groups" />
        </li>
      ) : null}
      {error ? (
        <li>
          <ErrorNote error={error} />
        </li>
      ) : null}
      {after === null && page && page.nodes.length === 0 ? (
        <li>
          <p className="muted">You are not an owner, admin or moderator of any group.</p>
        </li>
      ) : null}
      {page?.nodes.map((g) => (
        <li key={g.id}>
          <a href={`#/groups/${encodeURIComponent(g.id)}`} aria-current={g.id === selectedGroupId ? 'page' : undefined}>
            <span className="group-name">{g.name}</span>
            <span className="muted">
              {g.viewerRole?.toLowerCase()} · {g.memberCount} members · {g.visibility.toLowerCase()}
            </span>
          </a>
        </li>
      ))}
      {onMore && page?.pageInfo.hasNextPage && page.pageInfo.endCursor ? (
        <li>
          <button type="button" onClick={() => onMore(page.pageInfo.endCursor!)}>
            More groups ({page.totalCount} in all)
          </button>
        </li>
      ) : null}
    </>
  );
}

function GroupConsole({ group, session }: { group: ManagedGroup; session: Session }) {
  const [tab, setTab] = useState<Tab>('Activity');
  return (
    <div className="group-console">
      <h1>{group.name}</h1>
      <div role="tablist" aria-label="Group sections" className="tabs">
        {TABS.map((t) => (
          <button key={t} role="tab" type="button" aria-selected={tab === t} onClick={() => setTab(t)}>
            {t}
          </button>
        ))}
      </div>
      {/* The live stream stays subscribed on every tab, so nothing is missed while looking elsewhere. */}
      <div hidden={tab !== 'Activity'}>
        <GroupActivityFeed groupId={group.id} />
      </div>
      {tab === 'Members' ? <GroupMembers group={group} viewerId={session.user.id} /> : null}
      {tab === 'Moderation' ? <ModerationQueue groupId={group.id} /> : null}
      {tab === 'Stats' ? <GroupStatsView groupId={group.id} /> : null}
      {tab === 'Settings' ? <GroupSettings groupId={group.id} /> : null}
    </div>
  );
}
