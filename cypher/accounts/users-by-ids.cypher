// Batch lookup behind the user DataLoader: one round trip for any number of ids.
UNWIND $ids AS id
MATCH (u:User {id: id})
RETURN u { {{> fragments/user-record}} } AS user
