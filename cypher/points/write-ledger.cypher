// Writes a settlement (src/points/rules.ts) computed under lock-ledger's locks: the new entries,
// the awards they reverse, the accounts' new totals and the day counters.
CALL () {
  UNWIND $entries AS e
  CREATE (:PointEntry {
    id: e.id, sourceKey: e.sourceKey, userId: e.userId, action: e.action, points: e.points,
    day: e.day, reverses: e.reverses, isCapped: e.capped, createdAt: $now
  })
}
CALL () {
  UNWIND $reversed AS sourceKey
  MATCH (o:PointEntry {sourceKey: sourceKey})
  SET o.reversedAt = $now
}
CALL () {
  UNWIND $accounts AS a
  MATCH (acc:PointAccount {userId: a.userId})
  SET acc += a.counts, acc.balance = a.balance, acc.lifetime = a.lifetime, acc.streak = a.streak,
      acc.lastCheckInDay = a.lastCheckInDay, acc.updatedAt = $now
}
CALL () {
  UNWIND $days AS d
  MERGE (pd:PointDay {key: d.key})
    ON CREATE SET pd.userId = d.userId, pd.action = d.action, pd.day = d.day
  SET pd.earned = d.earned
}
RETURN size($entries) AS written
