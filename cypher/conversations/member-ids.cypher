// The ids of a conversation's current members, for the events a change sends them.
MATCH (u:User)-[m:IN_CONVERSATION]->(:Conversation {id: $conversationId})
WHERE m.folder <> 'DELETED'
RETURN collect(u.id) AS ids
