// Accounts followed by both the viewer and $userId ("you both follow"), in handle order.
MATCH (:User {id: $viewerId})-[:FOLLOWS]->(m:User)<-[:FOLLOWS]-(:User {id: $userId})
WHERE $afterKey IS NULL OR m.handleLower > $afterKey
RETURN m { {{> fragments/user-record u=m}} } AS user
ORDER BY m.handleLower
LIMIT $limit
