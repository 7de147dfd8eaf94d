UNWIND $ids AS id
MATCH (u:User {id: id})
RETURN id, u.influenceScore AS score, u.pageRank AS pageRank, u.engagement AS engagement, u.engagementRate AS engagementRate,
       u.conversions AS conversions, u.gmvCurrencies AS gmvCurrencies, u.gmvAmounts AS gmvAmounts, u.reach AS reach, u.kolTier AS tier, u.influenceRank AS rank,
       u.influenceComputedAt AS computedAt
