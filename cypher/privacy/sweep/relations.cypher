// Up to $batch of what else ties the person to the graph: blocks and mutes either way, interests,
// searches, views, group history, invites, requests and bans, RSVPs, policy acceptances, visits
// made, conversation memberships (relationships); and what they own outright: muted words,
// sessions, their notifications and groups of them, their consent trail, their security events.
MATCH (:User {id: $userId})-[r:BLOCKS|MUTES|MUTES_CONVERSATION|INTERESTED_IN|SEARCHED|VIEWED|JOINED|LEFT|BANNED_FROM|INVITED_TO|REQUESTED_TO_JOIN|RSVP|ACCEPTED_POLICY|MADE|IN_CONVERSATION]-()
WITH r LIMIT $batch
DELETE r
RETURN count(*) AS done
UNION ALL
MATCH (:User {id: $userId})-[:MUTES_WORD|HAS_SESSION|HAS_NOTIFICATION|HAS_NOTIFICATION_GROUP|CHANGED_CONSENT|HAD_SECURITY_EVENT]->(x)
WITH x LIMIT $batch
CALL (x) {
  OPTIONAL MATCH (x)-[:GROUPS]->(flat:Notification)
  DETACH DELETE flat
}
DETACH DELETE x
RETURN count(*) AS done
