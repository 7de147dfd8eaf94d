// Claims an idempotency key inside the transaction that acts on it. A first use creates the key
// with this request's claim token; a retry finds the key of the committed first use, with the
// fingerprint of its input and the id of what it made.
MERGE (k:IdempotencyKey {scope: $scope})
  ON CREATE SET k.claim = $claim, k.inputHash = $inputHash, k.createdAt = $now
RETURN k.claim = $claim AS fresh, k.inputHash AS inputHash, k.resultId AS resultId
