// One page of the accounts a user follows, newest follow first, strictly after the cursor (since, id).
MATCH (:User {id: $userId})-[f:FOLLOWS]->(followee:User)
WHERE $afterSince IS NULL OR f.since < $afterSince OR (f.since = $afterSince AND followee.id < $afterId)
RETURN followee { {{> fragments/user-record u=followee}} } AS user,
       f.since AS followedAt
ORDER BY f.since DESC, followee.id DESC
LIMIT $limit
