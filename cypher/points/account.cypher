// A user's points as me.points shows them: the account (none before a first award) and what
// they earned today (the sum of today's day counters).
OPTIONAL MATCH (a:PointAccount {userId: $userId})
CALL () {
  OPTIONAL MATCH (d:PointDay {userId: $userId, day: $day})
  RETURN coalesce(sum(d.earned), 0) AS earnedToday
}
RETURN coalesce(a.balance, 0) AS balance, coalesce(a.lifetime, 0) AS lifetime, coalesce(a.streak, 0) AS streak,
       a.lastCheckInDay AS lastCheckInDay, earnedToday
