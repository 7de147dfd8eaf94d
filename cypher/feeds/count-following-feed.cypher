// Counts what following-feed.cypher pages through, mutes included.
MATCH (viewer:User {id: $viewerId})
WITH viewer, {{> fragments/feed-muted-words}} AS mutedWords
MATCH (viewer)-[:FOLLOWS]->(author:User)-[:POSTED]->(n:Note)
WHERE n.deletedAt IS NULL
  AND n.modState IS NULL
  AND NOT EXISTS { MATCH (n)-[:POSTED_IN]->(g:Group) WHERE g.visibility <> 'OPEN' AND NOT EXISTS { (:User {id: $viewerId})-[:MEMBER_OF]->(g) } }
  AND NOT EXISTS { (viewer)-[:BLOCKS]-(author) }
  AND NOT {{> fragments/mutes-user u=author}}
  AND NOT ({{> fragments/note-has-muted-word words=mutedWords}})
RETURN count(n) AS total
