import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { formatTime } from '../api';
import { ROLE_RANK, type ManagedGroup, type Role } from '../groups';
import { ErrorNote, Loading, Panel } from './ui';
import { ConsoleGroupMembersDocument, ConsoleSetGroupRoleDocument } from '../generated/graphql';

const PAGE = 50;

export function GroupMembers({ group, viewerId }: { group: ManagedGroup; viewerId: string }) {
  const [role, setRole] = useState<Role | ''>('');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const filter = role || null;
  return (
    <Panel
      title="Members"
      actions={
        <label className="inline">
          Role{' '}
          <select
            value={role}
            onChange={(e) => {
              setRole(e.target.value as Role | '');
              setCursors([null]);
            }}
          >
            <option value="">all</option>
            {(Object.keys(ROLE_RANK) as Role[]).map((r) => (
              <option key={r} value={r}>
                {r.toLowerCase()}
              </option>
            ))}
          </select>
        </label>
      }
    >
      <table className="table">
        <thead>
          <tr>
            <th>Member</th>
            <th>Joined</th>
            <th>Level</th>
            <th>Role</th>
          </tr>
        </thead>
        {cursors.map((after, i) => (
          <MembersPage
            key={`${filter}-${after}`}
            group={group}
            role={filter}
            after={after}
            viewerId={viewerId}
            onMore={i === cursors.length - 1 ? (next) => setCursors((c) => [...c, next]) : null}
          />
        ))}
      </table>
    </Panel>
  );
}

/** One page of the members connection; the last page offers the next one. */
function MembersPage({ group, role, after, viewerId, onMore }: { group: ManagedGroup; role: Role | null; after: string | null; viewerId: string; onMore: ((cursor: string) => void) | null }) {
  const [{ data, fetching, error }] = useQuery({ query: ConsoleGroupMembersDocument, variables: { id: group.id, first: PAGE, after, role } });
  const [change, setGroupRole] = useMutation(ConsoleSetGroupRoleDocument);
  const members = data?.group?.members;
  // A refused role change comes back in the payload's userErrors, not as an error.
  const refused = change.data?.setGroupRole.userErrors[0];
  const myRank = group.viewerRole ? ROLE_RANK[group.viewerRole] : 0;
  const assignable = (Object.keys(ROLE_RANK) as Role[]).filter((r) => ROLE_RANK[r] < myRank);
  return (
    <tbody>
      {fetching && !data ? (
        <tr>
          <td colSpan={4}>
            <Loading what="members" />
          </td>
        </tr>
      ) : null}
      {error || change.error ? (
        <tr>
          <td colSpan={4}>
            <ErrorNote error={error ?? change.error} />
          </td>
        </tr>
      ) : null}
      {refused ? (
        <tr>
          <td colSpan={4} role="alert" className="error">
            {refused.message}
          </td>
        </tr>
      ) : null}
      {members?.nodes.map((m) => {
        const canChange = m.user.id !== viewerId && ROLE_RANK[m.role] < myRank && assignable.length > 1;
        return (
          <tr key={m.user.id} data-testid="member-row">
            <td>
              <strong>{m.user.displayName}</strong> <span className="muted">@{m.user.handle}</span>
              {m.mutedUntil && Date.parse(m.mutedUntil) > Date.now() ? <span className="badge">muted until {formatTime(m.mutedUntil)}</span> : null}
            </td>
            <td>{formatTime(m.joinedAt)}</td>
            <td>Lv{m.level}</td>
            <td>
              {canChange ? (
                <select
                  aria-label={`Role of @${m.user.handle}`}
                  value={m.role}
                  disabled={change.fetching}
                  onChange={(e) => void setGroupRole({ groupId: group.id, userId: m.user.id, role: e.target.value as Role })}
                >
                  {assignable.map((r) => (
                    <option key={r} value={r}>
                      {r.toLowerCase()}
                    </option>
                  ))}
                </select>
              ) : (
                m.role.toLowerCase()
              )}
            </td>
          </tr>
        );
      })}
      {onMore && members?.pageInfo.hasNextPage && members.pageInfo.endCursor ? (
        <tr>
          <td colSpan={4}>
            <button type="button" onClick={() => onMore(members.pageInfo.endCursor!)}>
              More members ({members.totalCount} in all)
            </button>
          </td>
        </tr>
      ) : null}
    </tbody>
  );
}
