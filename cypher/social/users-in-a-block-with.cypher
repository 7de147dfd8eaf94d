// The users in a block with $viewerId, either way (the viewer blocked them or they blocked the
// viewer): a live group stream leaves out what they do. One row, an empty list when there are none.
MATCH (viewer:User {id: $viewerId})
OPTIONAL MATCH (viewer)-[:BLOCKS]-(other:User)
RETURN collect(DISTINCT other.id) AS ids
