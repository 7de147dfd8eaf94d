// One node per (actor, mutation, key): the unique constraint makes two concurrent first uses of a
// key queue on each other, so only one of them acts.
CREATE CONSTRAINT idempotency_key_scope IF NOT EXISTS FOR (k:IdempotencyKey) REQUIRE k.scope IS UNIQUE;
