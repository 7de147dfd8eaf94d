// Write-locks the accounts of the users an award or clawback touches ($userIds, sorted: two
// transactions lock them in the same order), making the first account of a user, then reads
// under those locks what the settlement needs: the entries of the source keys (taken or not,
// reversed or not), the day counters concerned, the current rule set and the count badges' rules.
CALL () {
  UNWIND $userIds AS userId
  MERGE (a:PointAccount {userId: userId})
    ON CREATE SET a.balance = 0, a.lifetime = 0, a.streak = 0, a.lastCheckInDay = null, a.createdAt = $now
  SET a._lock = true REMOVE a._lock
  RETURN collect(a { .userId, .balance, .lifetime, .streak, .lastCheckInDay, counts: properties(a) }) AS accounts
}
CALL () {
  OPTIONAL MATCH (e:PointEntry) WHERE e.sourceKey IN $sourceKeys
  RETURN collect(e { .sourceKey, .userId, .action, .points, .day, reversed: e.reversedAt IS NOT NULL, .reverses }) AS entries
}
// The days the found awards were earned on too: a clawback gives back that day's cap.
CALL (entries) {
  WITH $dayKeys + [e IN entries WHERE e.reverses IS NULL | e.userId + ':' + e.action + ':' + e.day] AS keys
  OPTIONAL MATCH (d:PointDay) WHERE d.key IN keys
  RETURN collect(DISTINCT d { .key, .earned }) AS days
}
CALL () {
  OPTIONAL MATCH (b:BadgeDefinition) WHERE b.metric IN $badgeMetrics
  RETURN collect(b { .key, .name, .iconKey, .description, .metric, .threshold }) AS badges
}
OPTIONAL MATCH (r:PointRuleSet {current: true})
RETURN accounts, entries, days, badges, r.rules AS rules
