// A notification group (NotificationGroupRecord, src/notifications/types.ts).
.id, .kind, .noteId, .commentId, .actionId, .subjectUserId, .createdAt, .latestAt, .windowEnd, .actorCount, .latestActorIds, .readAt
