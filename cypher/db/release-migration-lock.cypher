MATCH (lock:MigrationLock {id: $lock, holder: $me})
SET lock.holder = null, lock.expiresAt = null
