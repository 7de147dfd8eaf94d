UNWIND $ids AS id
MATCH (r:LiveRoom {id: id})
RETURN r { .id, .hostId, .title, .coverUrl, .streamUrl, .groupId, .scheduledAt, .status, .startedAt, .endedAt, .createdAt,
  .currentViewers, .peakViewers, .uniqueViewers, .likeCount, .commentCount, .pinnedCommentId } AS room
