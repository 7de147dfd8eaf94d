// Replaces the badges a user shows, under the user's lock (two changes at once apply one after the
// other): every key must be one the user holds, checked here, in the transaction that writes. A
// badge held more than once (a period badge) shows its latest earning. Returns the keys not held
// (nothing is written then) and the awards now shown, in order.
MATCH (u:User {id: $userId})
SET u._lock = true REMOVE u._lock
WITH u
CALL (u) {
  UNWIND range(0, size($keys) - 1) AS i
  OPTIONAL MATCH (b:BadgeAward {userId: u.id, badgeKey: $keys[i]})
  WITH i, b ORDER BY b.awardedAt DESC, b.id DESC
  WITH i, collect(b)[0] AS latest
  RETURN collect({ position: i, award: latest }) AS picks
}
WITH u, picks, [p IN picks WHERE p.award IS NULL | p.position] AS missing
CALL (u, picks, missing) {
  WITH * WHERE size(missing) = 0
  OPTIONAL MATCH (old:BadgeAward {userId: u.id}) WHERE old.displayPosition IS NOT NULL
  REMOVE old.displayPosition
  WITH DISTINCT picks
  UNWIND picks AS p
  WITH p.award AS award, p.position AS position
  SET award.displayPosition = position
  RETURN count(award) AS shown
}
RETURN missing, [p IN picks WHERE p.award IS NOT NULL | p.award.id] AS ids
