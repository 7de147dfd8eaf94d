// Links a reporter's report in the platform's open case about a message's sender to the message,
// so platform staff read the message from the case (ModerationCase.reportedMessages). The case keeps
// no copy of the text: deleting the message removes its text from the case too. One report per
// reporter and case, so each further message the same reporter reports about the sender is one more link.
MATCH (c:ModerationCase {targetType: 'USER', targetId: $senderId, status: 'OPEN'})
WHERE c.groupId IS NULL
MATCH (r:Report {reporterId: $reporterId})-[:IN_CASE]->(c)
MATCH (m:Message {id: $messageId})
MERGE (r)-[:QUOTES]->(m)
RETURN c.id AS caseId
