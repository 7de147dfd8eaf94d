// Whether the recipient {{u}} has muted what the notification {{x}} is about (the rule of
// MuteService.isNotificationMuted): its actor, now (not for a moderation action, which is about
// the recipient's own content), or, with a muted word of scope NOTIFICATIONS or ALL, the comment it
// names or, without one, its note when someone else wrote it.
CASE WHEN {{x}}.type <> 'MODERATION_ACTION'
          AND EXISTS { ({{u}})-[mute:MUTES]->(:User {id: {{x}}.actorId}) WHERE mute.until IS NULL OR mute.until > datetime() } THEN true
     ELSE any(words IN [[({{u}})-[:MUTES_WORD]->(mw:MutedWord) WHERE mw.scope <> 'FEEDS' AND (mw.until IS NULL OR mw.until > datetime()) | mw.folded]]
              WHERE CASE WHEN size(words) = 0 THEN false
                         ELSE any(folded IN [toLower(normalize(coalesce(
                                head(COLLECT { MATCH (c:Comment {id: {{x}}.commentId}) RETURN c.text }),
                                head([(a:User)-[:POSTED]->(mn:Note {id: {{x}}.noteId}) WHERE a <> {{u}} | mn.title + '\n' + mn.body]),
                                ''), NFKC))] WHERE any(word IN words WHERE folded CONTAINS word)) END) END
