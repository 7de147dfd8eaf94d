MATCH (g:Group {id: $groupId}), (u:User {id: $userId})
CREATE (e:GroupEvent {id: $id, title: $title, description: $description, startsAt: $startsAt, mode: $mode,
  location: $location, createdAt: $now, createdBy: $userId})-[:OF_GROUP]->(g)
RETURN e.id AS id
