MATCH (g:Group {id: $id}) WHERE g.archivedAt IS NULL
SET g.archivedAt = $now, g.updatedAt = $now
RETURN g.id AS id
