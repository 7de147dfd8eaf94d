import { useState } from 'react';
import { useQuery } from 'urql';
import type { Session } from '../api';
import { navigate } from '../router';
import { ErrorNote, Loading, Panel } from '../components/ui';
import { GroupActivityFeed } from '../components/GroupActivityFeed';
import { GroupMembers } from '../components/GroupMembers';
import { ModerationQueue } from '../components/ModerationQueue';
import { GroupStatsView } from '../components/GroupStatsView';
import { ConsoleMyGroupsDocument } from '../generated/graphql';
import { MANAGING, type ManagedGroup } from '../groups';


const TABS = ['Activity', 'Members', 'Moderation', 'Stats'] as const;
type Tab = (typeof TABS)[number];

export function GroupsPage({ selectedGroupId, session }: { selectedGroupId: string | null; session: Session }) {
  const [{ data, fetching, error }] = useQuery({ query: ConsoleMyGroupsDocument });
  const managed = (data?.myGroups ?? []).filter((g) => g.viewerRole && MANAGING.includes(g.viewerRole));
  const selected = managed.find((g) => g.id === selectedGroupId) ?? null;

  return (
    <div className="groups-layout">
      <Panel title="Groups you manage">
        {fetching && !data ? <Loading what="groups" /> : null}
        <ErrorNote error={error} />
        {data && managed.length === 0 ? <p className="muted">You are not an owner, admin or moderator of any group.</p> : null}
        <ul className="group-list">
          {managed.map((g) => (
            <li key={g.id}>
              <a href={`#/groups/${encodeURIComponent(g.id)}`} aria-current={g.id === selectedGroupId ? 'page' : undefined}>
                <span className="group-name">{g.name}</span>
                <span className="muted">
                  {g.viewerRole?.toLowerCase()} · {g.memberCount} members · {g.visibility.toLowerCase()}
                </span>
              </a>
            </li>
          ))}
        </ul>
      </Panel>
      {selected ? (
        <GroupConsole key={selected.id} group={selected} session={session} />
      ) : (
        <Panel title="Choose a group">
          <p className="muted">Pick a group on the left to see its live activity, members, moderation queue and statistics.</p>
          {managed.length > 0 && !selectedGroupId ? (
            <button type="button" onClick={() => navigate(`/groups/${managed[0]!.id}`)}>
              Open {managed[0]!.name}
            </button>
          ) : null}
        </Panel>
      )}
    </div>
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
    </div>
  );
}
