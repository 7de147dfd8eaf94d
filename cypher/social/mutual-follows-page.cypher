// Accounts followed by both the viewer and $userId ("you both follow"), in handle order.
MATCH (:User {id: $viewerId})-[:FOLLOWS]->(m:User)<-[:FOLLOWS]-(:User {id: $userId})
WHERE $afterKey IS NULL OR m.handleLower > $afterKey
RETURN m { .id, .email, .handle, .displayName, .bio, .avatarUrl, .role, .createdAt, .followerCount, .followingCount, .passwordVersion, noteCount: coalesce(m.noteCount, 0) } AS user
ORDER BY m.handleLower
LIMIT $limit
