// Batch lookup behind the share-link DataLoader.
UNWIND $codes AS code
MATCH (l:ShareLink {code: code})
RETURN l { .code, .channel, .targetType, .targetId, .sharerId, .createdAt, .depth, .rootCode, .campaign,
           parentCode: head([(l)-[:RESHARE_OF]->(p:ShareLink) | p.code]) } AS link
