// Takes (or renews an expired) lease on the migration lock for one scope.
// The first SET write-locks the node, so the holder read after it is the latest committed one:
// two instances cannot both see "no holder".
MERGE (lock:MigrationLock {id: $lock})
SET lock.touchedAt = $now
WITH lock
WHERE lock.holder IS NULL OR lock.holder = $me OR lock.expiresAt < $now
SET lock.holder = $me, lock.expiresAt = $now + $leaseMs
RETURN lock.holder AS holder
