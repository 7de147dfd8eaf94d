// What a member {{u}} has contributed to a group {{g}} over all time, as map entries: the counts
// the contribution score weighs (src/groups/stats.ts contributionScore), counted as
// groups/stats-contributors counts a period, with no period. Their own notes that are not deleted,
// the comments (not deleted) and likes those notes received, and the invitations they sent plus
// the users who joined through them. A member's group level is read from it (src/groups/levels.ts).
posts: COUNT { MATCH ({{u}})-[:POSTED]->(n:Note)-[:POSTED_IN]->({{g}}) WHERE n.deletedAt IS NULL RETURN n },
commentsReceived: COUNT { MATCH (c:Comment)-[:ON]->(n2:Note)<-[:POSTED]-({{u}}) WHERE (n2)-[:POSTED_IN]->({{g}}) AND c.deletedAt IS NULL RETURN c },
likesReceived: COUNT { MATCH (:User)-[l:LIKED]->(n3:Note)<-[:POSTED]-({{u}}) WHERE (n3)-[:POSTED_IN]->({{g}}) RETURN l },
invites: COUNT { MATCH (:User)-[i:INVITED_TO]->({{g}}) WHERE i.byId = {{u}}.id RETURN i } +
  COUNT { MATCH (:User)-[j:JOINED]->({{g}}) WHERE j.via = {{u}}.id RETURN j },
purchases: 0
