// Writes a batch of results; returns the users whose score or tier changed.
UNWIND $rows AS row
MATCH (u:User {id: row.id})
WITH u, row, u.influenceScore AS oldScore, u.kolTier AS oldTier
SET u.influenceScore = row.score, u.pageRank = row.pageRank, u.engagement = row.engagement,
    u.engagementRate = row.engagementRate, u.conversions = row.conversions, u.gmv = row.gmv,
    u.gmvCurrencies = row.gmvCurrencies, u.gmvAmounts = row.gmvAmounts, u.reach = row.reach,
    u.kolTier = row.tier, u.influenceRank = row.rank, u.influenceComputedAt = $now
WITH u, row, oldScore, oldTier
WHERE oldScore IS NULL OR oldScore <> row.score OR oldTier <> row.tier
RETURN u.id AS id
