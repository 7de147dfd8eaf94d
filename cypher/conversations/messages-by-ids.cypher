// Messages by id, as stored (the service decides who may see each).
MATCH (m:Message) WHERE m.id IN $ids
RETURN m {.*} AS message
