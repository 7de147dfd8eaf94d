UNWIND $ids AS id
MATCH (u:User)-[:HAS_NOTIFICATION_GROUP]->(g:NotificationGroup {id: id})
RETURN g { {{> fragments/notification-group-record}}, recipientId: u.id } AS group
