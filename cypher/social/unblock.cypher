MATCH (blocker:User {id: $blockerId}), (blocked:User {id: $blockedId})
OPTIONAL MATCH (blocker)-[b:BLOCKS]->(blocked)
DELETE b
RETURN b IS NOT NULL AS removed
