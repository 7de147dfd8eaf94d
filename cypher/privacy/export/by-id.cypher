// One export, as its owner sees it.
MATCH (:User {id: $userId})-[:REQUESTED_EXPORT]->(e:DataExport {id: $id})
RETURN e {.*} AS dataExport
