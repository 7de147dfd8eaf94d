// How many join requests of a group wait for a moderator.
MATCH (:User)-[:REQUESTED_TO_JOIN]->(:Group {id: $groupId})
RETURN count(*) AS total
