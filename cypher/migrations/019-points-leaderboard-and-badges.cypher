// The POINTS leaderboard sums the ledger entries written in a period, of every user: by time alone.
CREATE INDEX point_entry_at IF NOT EXISTS FOR (e:PointEntry) ON (e.createdAt);
// User.badges and displayedBadges read a user's awards; Badge ids are the awards' ids.
CREATE INDEX badge_award_user IF NOT EXISTS FOR (b:BadgeAward) ON (b.userId, b.awardedAt);
CREATE CONSTRAINT badge_award_id IF NOT EXISTS FOR (b:BadgeAward) REQUIRE b.id IS UNIQUE;
