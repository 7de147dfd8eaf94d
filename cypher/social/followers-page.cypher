// One page of a user's followers, newest follow first, strictly after the cursor (since, id).
MATCH (:User {id: $userId})<-[f:FOLLOWS]-(follower:User)
WHERE $afterSince IS NULL OR f.since < $afterSince OR (f.since = $afterSince AND follower.id < $afterId)
RETURN follower { {{> fragments/user-record u=follower}} } AS user,
       f.since AS followedAt
ORDER BY f.since DESC, follower.id DESC
LIMIT $limit
