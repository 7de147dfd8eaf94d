// The folded words (src/mutes/rules.ts foldText) the viewer {{viewer}} mutes now on feed surfaces
// (scope FEEDS or ALL), as a list; empty for a viewer who mutes none (or a null viewer).
[({{viewer}})-[:MUTES_WORD]->(mw:MutedWord) WHERE mw.scope <> 'NOTIFICATIONS' AND (mw.until IS NULL OR mw.until > datetime()) | mw.folded]
