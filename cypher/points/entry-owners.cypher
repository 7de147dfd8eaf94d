// Whose awards these source keys are: a clawback whose caller does not know the owner locks
// their accounts, then reads the entries again under those locks (lock-ledger).
MATCH (e:PointEntry) WHERE e.sourceKey IN $sourceKeys
RETURN DISTINCT e.userId AS userId
