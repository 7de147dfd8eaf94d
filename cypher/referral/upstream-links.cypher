// The link an order came through and its ancestors, nearest first (level 1 = the direct sharer).
MATCH path = (l:ShareLink {code: $code})-[:RESHARE_OF*0..10]->(ancestor:ShareLink)
RETURN ancestor.code AS code, ancestor.sharerId AS sharerId, ancestor.channel AS channel,
       ancestor.createdAt AS createdAt, ancestor.campaign AS campaign, length(path) + 1 AS level
ORDER BY level
