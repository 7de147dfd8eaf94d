MATCH (d:BadgeDefinition)
RETURN count(d) AS total
