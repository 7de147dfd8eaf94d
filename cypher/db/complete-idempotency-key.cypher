// Records what the first use of a key made, in the same transaction, so a retry can return it.
MATCH (k:IdempotencyKey {scope: $scope})
SET k.resultId = $resultId
REMOVE k.claim
