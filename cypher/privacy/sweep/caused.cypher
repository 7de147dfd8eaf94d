// What the user did to others, as others were told it: the notifications they caused go, and the
// notification groups counting them as an actor get their exact actorCount back, under their lock.
// Their direct messages lose their text (the conversation keeps its shape for the other members).
MATCH (x:Notification {actorId: $userId})
WITH x LIMIT $batch
DETACH DELETE x
RETURN count(*) AS done
UNION ALL
MATCH (g:NotificationGroup)-[a:GROUP_ACTOR]->(:User {id: $userId})
WITH g, a LIMIT $batch
SET g._lock = true REMOVE g._lock
DELETE a
WITH DISTINCT g
SET g.actorCount = COUNT { (g)-[:GROUP_ACTOR]->(:User) },
    g.latestActorIds = [i IN coalesce(g.latestActorIds, []) WHERE i <> $userId]
RETURN count(g) AS done
UNION ALL
MATCH (:User {id: $userId})-[:SENT]->(m:Message)
WHERE m.text IS NOT NULL
WITH m LIMIT $batch
SET m.text = null, m.deletedAt = coalesce(m.deletedAt, $now)
RETURN count(m) AS done
