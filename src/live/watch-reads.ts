import { cypher } from '../db/cypher';
import type { Database } from '../db/database';
import type { LiveRoomReads } from './broadcast';
import { LiveRepository } from './repository';

const lostWatchers = cypher('live/watchers-who-lost-the-room');

/**
 * The fan-out's reads of the room model, each over a DbScope of its own: they run for a room's
 * hub (a pin, a rights re-check), outside any one watcher's request.
 */
export function liveRoomReads(db: Database): LiveRoomReads {
  return {
    async lostWatchers(roomId, userIds) {
      const rows = await db.scope().read<{ lost: string[] }>(lostWatchers, { roomId, userIds });
      return rows[0]?.lost ?? [];
    },
    async comment(_roomId, commentId) {
      const [comment] = await new LiveRepository(db.scope()).commentsByIds([commentId]);
      return comment ?? null;
    },
    async pin(roomId) {
      return (await new LiveRepository(db.scope()).currentPins([roomId])).get(roomId) ?? null;
    },
  };
}
