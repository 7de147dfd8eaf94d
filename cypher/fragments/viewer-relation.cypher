// How the user {{u}} relates to the viewer {{viewer}} (ViewerRelation, src/social/types.ts), as
// map entries; the viewer-relation DataLoader's rows (social/relations-to-viewer) are these as columns.
isFollowing: EXISTS { ({{viewer}})-[:FOLLOWS]->({{u}}) },
followsViewer: EXISTS { ({{u}})-[:FOLLOWS]->({{viewer}}) },
isBlocked: EXISTS { ({{viewer}})-[:BLOCKS]->({{u}}) },
hasBlockedViewer: EXISTS { ({{u}})-[:BLOCKS]->({{viewer}}) },
isMuted: {{> fragments/mutes-user viewer={{viewer}} u={{u}}}}
