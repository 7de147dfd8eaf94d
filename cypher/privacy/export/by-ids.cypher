// Exports by id with their owners (the node lookup checks the owner).
UNWIND $ids AS id
MATCH (e:DataExport {id: id})
RETURN e {.*} AS dataExport
