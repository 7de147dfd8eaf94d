// Whether the 1:1 of a pair exists already (starting it again is finding it, not a new conversation).
OPTIONAL MATCH (c:Conversation {pairKey: $pairKey})
RETURN c IS NOT NULL AS exists
