// Takes a user's helpful vote back, if there is one; the count changes only when one is removed.
MATCH (voter:User {id: $userId})-[vote:FOUND_HELPFUL]->(r:Review {id: $id})
SET r._lock = true REMOVE r._lock
DELETE vote
SET r.helpfulCount = r.helpfulCount - 1
RETURN r.id AS id
