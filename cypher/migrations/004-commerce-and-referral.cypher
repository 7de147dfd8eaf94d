// Commerce and referral: orders, share links, visits, commissions and fraud flags by id; the
// timestamps that growth queries and velocity checks read are indexed.
CREATE CONSTRAINT order_id IF NOT EXISTS FOR (o:Order) REQUIRE o.id IS UNIQUE;
CREATE CONSTRAINT share_link_code IF NOT EXISTS FOR (l:ShareLink) REQUIRE l.code IS UNIQUE;
CREATE CONSTRAINT visit_id IF NOT EXISTS FOR (v:Visit) REQUIRE v.id IS UNIQUE;
CREATE CONSTRAINT commission_id IF NOT EXISTS FOR (c:Commission) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT commission_rate_set_id IF NOT EXISTS FOR (r:CommissionRateSet) REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT fraud_flag_id IF NOT EXISTS FOR (f:FraudFlag) REQUIRE f.id IS UNIQUE;
CREATE CONSTRAINT audit_entry_id IF NOT EXISTS FOR (a:AuditEntry) REQUIRE a.id IS UNIQUE;
CREATE INDEX order_created_at IF NOT EXISTS FOR (o:Order) ON (o.createdAt);
CREATE INDEX visit_at IF NOT EXISTS FOR (v:Visit) ON (v.at);
CREATE INDEX visit_visitor_id IF NOT EXISTS FOR (v:Visit) ON (v.visitorId);
CREATE INDEX share_link_created_at IF NOT EXISTS FOR (l:ShareLink) ON (l.createdAt);
CREATE INDEX commission_created_at IF NOT EXISTS FOR (c:Commission) ON (c.createdAt);
CREATE INDEX product_created_at IF NOT EXISTS FOR (p:Product) ON (p.createdAt);
CREATE INDEX share_link_target IF NOT EXISTS FOR (l:ShareLink) ON (l.targetType, l.targetId);
// The default commission rates are data: 10% to the direct sharer only (reward depth 1).
MERGE (r:CommissionRateSet {id: 'global-v1'})
ON CREATE SET r.scope = 'GLOBAL', r.scopeId = 'GLOBAL', r.version = 1, r.levelRatesBps = [1000], r.rewardDepth = 1,
              r.createdAt = 0, r.createdBy = null, r.current = true;
