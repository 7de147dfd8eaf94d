// Who invited whom, from the root inviter down to the user.
MATCH (u:User {id: $userId})
OPTIONAL MATCH path = (root:User)-[:INVITED*1..50]->(u)
WHERE NOT EXISTS { ()-[:INVITED]->(root) }
WITH u, path ORDER BY length(path) DESC LIMIT 1
RETURN CASE WHEN path IS NULL THEN [u.id] ELSE [n IN nodes(path) | n.id] END AS ids,
       CASE WHEN path IS NULL THEN [] ELSE [r IN relationships(path) | {at: r.at, code: r.code}] END AS hops
