// The points ledger (issue 17 §2). One PointAccount per user: its balance is locked by every
// award, clawback and redemption, and the constraint makes two first awards MERGE one account.
CREATE CONSTRAINT point_account_user IF NOT EXISTS FOR (a:PointAccount) REQUIRE a.userId IS UNIQUE;
// Each entry is paid once per source key (a like's note and liker, an order, a review): a retried
// or replayed award finds its key taken.
CREATE CONSTRAINT point_entry_source IF NOT EXISTS FOR (e:PointEntry) REQUIRE e.sourceKey IS UNIQUE;
CREATE CONSTRAINT point_entry_id IF NOT EXISTS FOR (e:PointEntry) REQUIRE e.id IS UNIQUE;
// A user's history reads their entries newest first.
CREATE INDEX point_entry_user_at IF NOT EXISTS FOR (e:PointEntry) ON (e.userId, e.createdAt);
// What one user earned for one action on one UTC day: the daily cap's counter.
CREATE CONSTRAINT point_day_key IF NOT EXISTS FOR (d:PointDay) REQUIRE d.key IS UNIQUE;
CREATE INDEX point_day_user_day IF NOT EXISTS FOR (d:PointDay) ON (d.userId, d.day);
CREATE CONSTRAINT point_rule_set_id IF NOT EXISTS FOR (r:PointRuleSet) REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT reward_id IF NOT EXISTS FOR (r:Reward) REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT redemption_id IF NOT EXISTS FOR (r:Redemption) REQUIRE r.id IS UNIQUE;
// Badges (issue 17 §3): one award per user and badge.
CREATE CONSTRAINT badge_award_key IF NOT EXISTS FOR (b:BadgeAward) REQUIRE b.key IS UNIQUE;
CREATE CONSTRAINT badge_definition_key IF NOT EXISTS FOR (b:BadgeDefinition) REQUIRE b.key IS UNIQUE;
// The badges awarded by rules, as data: a metric of the user's ledger reaching a threshold
// (src/badges/rules.ts), or a period ranking written by the influence job (PERIOD metrics).
MERGE (b:BadgeDefinition {key: 'FIRST_NOTE'}) ON CREATE SET b.name = 'First note', b.iconKey = 'badge-first-note', b.metric = 'NOTE_PUBLISHED', b.threshold = 1, b.description = 'Published a first note.';
MERGE (b:BadgeDefinition {key: 'LIKES_100'}) ON CREATE SET b.name = '100 likes', b.iconKey = 'badge-likes-100', b.metric = 'LIKE_RECEIVED', b.threshold = 100, b.description = 'Received 100 likes on their notes.';
MERGE (b:BadgeDefinition {key: 'VERIFIED_BUYER'}) ON CREATE SET b.name = 'Verified buyer', b.iconKey = 'badge-verified-buyer', b.metric = 'VERIFIED_REVIEW', b.threshold = 1, b.description = 'Reviewed a product they bought.';
MERGE (b:BadgeDefinition {key: 'STREAK_7'}) ON CREATE SET b.name = '7-day streak', b.iconKey = 'badge-streak-7', b.metric = 'CHECK_IN_STREAK', b.threshold = 7, b.description = 'Checked in seven UTC days in a row.';
MERGE (b:BadgeDefinition {key: 'TOP_REFERRER_MONTH'}) ON CREATE SET b.name = 'Top referrer of the month', b.iconKey = 'badge-top-referrer', b.metric = 'TOP_REFERRER_MONTH', b.threshold = 1, b.description = 'The most attributed orders of a calendar month (UTC).';
MERGE (b:BadgeDefinition {key: 'GROUP_CONTRIBUTOR_WEEK'}) ON CREATE SET b.name = 'Group contributor of the week', b.iconKey = 'badge-group-contributor', b.metric = 'GROUP_CONTRIBUTOR_WEEK', b.threshold = 1, b.description = 'The top contribution score of a group over an ISO week (UTC).';
// setPointRules locks this node, so concurrent versions are numbered one after the other.
MERGE (:PointRulesLock {id: 'rules'});
