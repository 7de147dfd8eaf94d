// Write-locks the sharer, then finds the link they already made for this target and channel:
// sharing the same thing on the same channel (and campaign) again returns that link.
MATCH (sharer:User {id: $sharerId})
SET sharer._lock = true REMOVE sharer._lock
WITH sharer
OPTIONAL MATCH (sharer)-[:SHARED]->(l:ShareLink {targetType: $targetType, targetId: $targetId, channel: $channel})
WHERE l.campaign IS NULL AND $campaign IS NULL OR l.campaign = $campaign
RETURN l.code AS code
