import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorNote, Loading, Panel } from './ui';
import { ConsoleGroupSettingsDocument, ConsoleUpdateGroupLevelRightsDocument } from '../generated/graphql';

/** Member levels run 1 to 10 (GroupMember.level). */
const LEVELS = Array.from({ length: 10 }, (_, i) => i + 1);

/** A level right as a select: '' is "not by level", which the API takes as null. */
const toValue = (level: number | null | undefined) => (level == null ? '' : String(level));
const toLevel = (value: string) => (value === '' ? null : Number(value));

/** The group's level rights: from which member level members skip pre-moderation and may start group buys. */
export function GroupSettings({ groupId }: { groupId: string }) {
  const [{ data, fetching, error }] = useQuery({ query: ConsoleGroupSettingsDocument, variables: { id: groupId } });
  const group = data?.group;
  return (
    <Panel title="Level rights">
      {fetching && !data ? <Loading what="settings" /> : null}
      <ErrorNote error={error} />
      {group ? (
        <LevelRightsForm
          groupId={group.id}
          premoderated={group.isPremoderated}
          editable={group.viewerCan.editSettings}
          current={group.levelRights}
        />
      ) : null}
    </Panel>
  );
}

function LevelRightsForm({
  groupId,
  premoderated,
  editable,
  current,
}: {
  groupId: string;
  premoderated: boolean;
  editable: boolean;
  current: { postWithoutPremoderationFromLevel?: number | null; startGroupBuyFromLevel?: number | null };
}) {
  const [post, setPost] = useState(toValue(current.postWithoutPremoderationFromLevel));
  const [start, setStart] = useState(toValue(current.startGroupBuyFromLevel));
  const [result, save] = useMutation(ConsoleUpdateGroupLevelRightsDocument);
  // What the API answered it now holds, once a save came back; the form shows "Saved." while it still matches.
  const stored = result.data?.updateGroupLevelRights.group?.levelRights ?? current;
  const saved = result.data?.updateGroupLevelRights.group != null && toValue(stored.postWithoutPremoderationFromLevel) === post && toValue(stored.startGroupBuyFromLevel) === start;
  const changed = post !== toValue(stored.postWithoutPremoderationFromLevel) || start !== toValue(stored.startGroupBuyFromLevel);
  return (
    <form
      className="settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save({ input: { groupId, postWithoutPremoderationFromLevel: toLevel(post), startGroupBuyFromLevel: toLevel(start) } });
      }}
    >
      <p className="muted">
        A member&apos;s level (1 to 10) grows with what they contribute to the group: notes, the comments and likes those notes receive, and
        invitations.{editable ? '' : ' Only admins and the owner change these.'}
      </p>
      <label>
        Post without pre-moderation from level{' '}
        <select aria-label="Post without pre-moderation from level" value={post} disabled={!editable} onChange={(e) => setPost(e.target.value)}>
          <option value="">nobody (every matching post is held)</option>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              Lv{l}
            </option>
          ))}
        </select>
      </label>
      {!premoderated ? <p className="muted">This group is not pre-moderated, so this applies once pre-moderation is turned on.</p> : null}
      <label>
        Start group buys from level{' '}
        <select aria-label="Start group buys from level" value={start} disabled={!editable} onChange={(e) => setStart(e.target.value)}>
          <option value="">every member</option>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              Lv{l}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={!editable || !changed || result.fetching}>
        Save level rights
      </button>
      {saved ? (
        <p className="muted" role="status">
          Saved.
        </p>
      ) : null}
      <ErrorNote error={result.error} />
      {result.data?.updateGroupLevelRights.userErrors.map((e) => (
        <p key={`${e.code}-${e.message}`} className="error" role="alert">
          {e.message}
        </p>
      ))}
    </form>
  );
}
