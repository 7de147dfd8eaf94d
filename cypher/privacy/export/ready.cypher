// The archive is written: the export can be downloaded until it expires.
MATCH (e:DataExport {id: $id})
WHERE e.status = 'PENDING'
SET e.status = 'READY', e.readyAt = $now, e.sizeBytes = $sizeBytes, e.claimedAt = null
RETURN e.id AS id
