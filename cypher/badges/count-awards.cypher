MATCH (b:BadgeAward {userId: $userId})
RETURN count(b) AS total
