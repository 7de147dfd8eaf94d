// Up to $batch of the user's follows, either way, go; each other user gets exact counts back, under their lock.
MATCH (:User {id: $userId})-[f:FOLLOWS]-(o:User)
WITH f, o LIMIT $batch
DELETE f
WITH DISTINCT o
SET o._lock = true REMOVE o._lock
SET o.followerCount = COUNT { (o)<-[:FOLLOWS]-(:User) },
    o.followingCount = COUNT { (o)-[:FOLLOWS]->(:User) }
RETURN count(o) AS done
