// Batch lookup behind the group DataLoader.
UNWIND $ids AS id
MATCH (g:Group {id: id})
RETURN g {
  {{> fragments/group-record}}
} AS grp
