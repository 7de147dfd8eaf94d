// A reward admins define; a BADGE reward brings its own badge (metric REDEEMED), awarded to each
// redeemer once.
CREATE (d:BadgeDefinition {key: $badgeKey, name: $name, iconKey: $iconKey, description: $description, metric: 'REDEEMED', threshold: 1})
CREATE (r:Reward {id: $id, kind: $kind, name: $name, description: $description, costPoints: $costPoints, badgeKey: $badgeKey,
  isActive: true, createdAt: $now, createdBy: $actorId})
CREATE (:AuditEntry {id: $auditId, action: 'CREATE_REWARD', actorId: $actorId, at: $now, subjectId: $id, details: $name})
RETURN r { .id, .kind, .name, .description, .costPoints, .badgeKey, .isActive, .createdAt } AS reward
