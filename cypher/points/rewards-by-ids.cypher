UNWIND $ids AS id
MATCH (r:Reward {id: id})
RETURN r { .id, .kind, .name, .description, .costPoints, .badgeKey, .isActive, .createdAt } AS reward
