// The demo's dataset, once seeded: the moment its timeline ends (so an interrupted seeding is
// resumed with the same file, which the importer's MERGEs make idempotent) and whether it is complete.
MERGE (m:DemoMarker {key: 'demo'})
ON CREATE SET m.users = $users, m.seed = $seed, m.now = $now, m.complete = false, m.createdAt = timestamp()
RETURN m.users AS users, m.seed AS seed, m.now AS now, m.complete AS complete
