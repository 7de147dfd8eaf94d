// Communities: groups, events, group buys, reports, moderation cases, actions and appeals.
CREATE CONSTRAINT group_event_id IF NOT EXISTS FOR (e:GroupEvent) REQUIRE e.id IS UNIQUE;
CREATE CONSTRAINT group_buy_id IF NOT EXISTS FOR (b:GroupBuy) REQUIRE b.id IS UNIQUE;
CREATE CONSTRAINT report_id IF NOT EXISTS FOR (r:Report) REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT moderation_case_id IF NOT EXISTS FOR (c:ModerationCase) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT moderation_action_id IF NOT EXISTS FOR (a:ModerationAction) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT appeal_id IF NOT EXISTS FOR (a:Appeal) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT sensitive_word IF NOT EXISTS FOR (w:SensitiveWord) REQUIRE w.word IS UNIQUE;
CREATE INDEX group_created_at IF NOT EXISTS FOR (g:Group) ON (g.createdAt);
CREATE INDEX group_name_lower IF NOT EXISTS FOR (g:Group) ON (g.nameLower);
CREATE INDEX group_buy_status_expires IF NOT EXISTS FOR (b:GroupBuy) ON (b.status, b.expiresAt);
CREATE INDEX moderation_case_target IF NOT EXISTS FOR (c:ModerationCase) ON (c.targetType, c.targetId, c.status);
// Absolute claims that China's advertising law forbids; admins edit the list with setSensitiveWords.
FOREACH (word IN ['最好', '第一', '100%有效', '最佳', '国家级', '顶级', '绝对'] | MERGE (:SensitiveWord {word: word}));
