// Topics that exist (a note or group was tagged with them), by name, for node(id).
UNWIND $names AS name
MATCH (t:Topic {name: name})
RETURN t.name AS name
