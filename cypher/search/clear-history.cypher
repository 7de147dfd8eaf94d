// Forgets every search of the user: their history, and their part in trends.
MATCH (:User {id: $userId})-[s:SEARCHED]->(:SearchQuery)
DELETE s
RETURN count(s) AS cleared
