// A logIn's second step, waiting for completeTwoFactorLogIn: only the token's hash is stored.
// The user's expired challenges are cleared on the way.
MATCH (u:User {id: $userId})
CALL (u) {
  OPTIONAL MATCH (u)-[:HAS_TWO_FACTOR_CHALLENGE]->(old:TwoFactorChallenge)
  WHERE old.expiresAt <= $now
  DETACH DELETE old
}
CREATE (u)-[:HAS_TWO_FACTOR_CHALLENGE]->(:TwoFactorChallenge {
  tokenHash: $tokenHash, createdAt: $now, expiresAt: $expiresAt, deviceLabel: $deviceLabel, failures: 0
})
