// The archive could not be written ($failure says why, for operators; never shown to the user).
MATCH (e:DataExport {id: $id})
WHERE e.status = 'PENDING'
SET e.status = 'FAILED', e.failure = $failure, e.claimedAt = null
RETURN e.id AS id
