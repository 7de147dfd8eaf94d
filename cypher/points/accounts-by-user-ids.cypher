// Lifetime points of users, for their levels (a user without an account has 0).
UNWIND $userIds AS userId
OPTIONAL MATCH (a:PointAccount {userId: userId})
RETURN userId, coalesce(a.lifetime, 0) AS lifetime
