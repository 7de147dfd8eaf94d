// The badges users picked to show, in their order (at most 3 each).
UNWIND $userIds AS userId
OPTIONAL MATCH (b:BadgeAward {userId: userId}) WHERE b.displayPosition IS NOT NULL
WITH userId, b ORDER BY b.displayPosition
RETURN userId, [id IN collect(b.id) WHERE id IS NOT NULL] AS ids
