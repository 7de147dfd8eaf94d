import type { Config } from '../config';
import type { Database } from '../db/database';
import type { EventBus } from '../events/bus';
import type { LiveStreams } from '../events/live';
import type { Logger } from '../common/logger';
import type { AccountLimits } from '../accounts/limits';
import type { LiveRoomPublisher } from '../live/publisher';

/** What lives as long as the process: shared by every request (main.ts and the test helper make it). */
export interface AppDeps {
  config: Config;
  logger: Logger;
  db: Database;
  events: EventBus;
  limits: AccountLimits;
  /** The guard of this instance's subscriptions (src/events/live.ts); created by createApp. */
  live?: LiveStreams;
  /** Announces live-room happenings to the room's viewers (src/live/publisher.ts); a recording one when not given. */
  livePublisher?: LiveRoomPublisher;
}
