// One branch of node/kinds (src/node/repository.ts): the id as the unique key of one registered
// type's label, found by that label's unique index (one seek, never a scan).
// Variables: label and key (the label's unique property); id is the includer's id being looked up.
MATCH (n:{{label}}) WHERE n.{{key}} = id
RETURN '{{label}}' AS label
