// Whether the order {{o}} counts in growth numbers (influence conversions and GMV, leaderboards,
// top referrers, KOL reports, group stats, conversion by channel): live (not cancelled or
// refunded), and with no fraud flag that is open or that an admin confirmed. Zhongcao's flag
// decisions read the other way round from "approving a flag": APPROVED means the admin found the
// order legitimate and REJECTED means fraud was confirmed (src/commissions/types.ts). So an order
// counts again once every flag on it is APPROVED.
{{o}}.status = 'PLACED' AND NOT EXISTS { MATCH (flag:FraudFlag)-[:FLAGS]->({{o}}) WHERE flag.status IN ['OPEN', 'REJECTED'] }
