// Which of these reviews the viewer found helpful.
MATCH (:User {id: $viewerId})-[:FOUND_HELPFUL]->(r:Review) WHERE r.id IN $ids
RETURN r.id AS id
