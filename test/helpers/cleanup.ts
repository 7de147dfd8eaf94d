import type { Database } from '../../src/db/database';

/**
 * Deletes what one test run created on a shared server: its users (found by the run's handle
 * prefix) with everything they authored, and its migration bookkeeping.
 */
export async function cleanUpTestData(db: Database, prefix: string): Promise<void> {
  const run = (query: string) => db.driver.executeQuery(query, { prefix: prefix.toLowerCase() }, { database: db.name });
  await run(`MATCH (u:User)-[:CHANGED_CONSENT]->(c:ConsentChange) WHERE u.handleLower STARTS WITH $prefix DETACH DELETE c`);
  // A user's security history and waiting two-factor challenges go with them.
  await run(`MATCH (u:User)-[:HAD_SECURITY_EVENT|HAS_TWO_FACTOR_CHALLENGE]->(owned) WHERE u.handleLower STARTS WITH $prefix DETACH DELETE owned`);
  // A run's live rooms go with their hosts, with their comments, pins and minutes; so do rooms whose host is gone
  // (left by runs before rooms were cleaned up), whose host, a non-null User, would fail every list of rooms.
  await run(`MATCH (r:LiveRoom) WHERE NOT EXISTS { MATCH (h:User {id: r.hostId}) WHERE NOT h.handleLower STARTS WITH $prefix }
             OPTIONAL MATCH (r)<-[:IN_ROOM]-(c:LiveComment) OPTIONAL MATCH (r)-[:MINUTE]->(m:LiveMinute) OPTIONAL MATCH (r)-[:PINNED|CURRENT_PIN]->(pin:LivePin)
             DETACH DELETE c, m, pin, r`);
  await run(`MATCH (u:User)-[:REQUESTED_EXPORT]->(e:DataExport) WHERE u.handleLower STARTS WITH $prefix DETACH DELETE e`);
  await run(`MATCH (u:User) WHERE u.handleLower STARTS WITH $prefix
             OPTIONAL MATCH (u)-[:POSTED|WROTE|OWNS|HAS_NOTIFICATION|HAS_NOTIFICATION_GROUP|HAS_SESSION]->(owned)
             DETACH DELETE owned, u`);
  await run(`MATCH (p:Product) WHERE p.testPrefix = $prefix DETACH DELETE p`);
  await run(`MATCH (x) WHERE (x:PointAccount OR x:PointEntry OR x:PointDay OR x:BadgeAward OR x:Redemption) AND NOT EXISTS { MATCH (:User {id: x.userId}) } DETACH DELETE x`);
  await run(`MATCH (s:FeedSnapshot) WHERE NOT EXISTS { MATCH (u:User {id: s.viewerId}) } DELETE s`);
  await run(`MATCH (m) WHERE (m:Migration OR m:MigrationLock OR m:MigrationProbe) AND coalesce(m.scope, m.id) STARTS WITH 'test-' + $prefix
             DETACH DELETE m`);
  await run(`MATCH (t:Topic) WHERE NOT (t)--() DELETE t`);
}
