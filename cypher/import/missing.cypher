// The ids (and share codes) of one import batch that match no node: records referring to them are
// reported as bad lines instead of being dropped by the write's MATCH. Each list is distinct.
CALL () { UNWIND $user AS id WITH id WHERE NOT EXISTS { MATCH (:User {id: id}) } RETURN collect(id) AS user }
CALL () { UNWIND $note AS id WITH id WHERE NOT EXISTS { MATCH (:Note {id: id}) } RETURN collect(id) AS note }
CALL () { UNWIND $product AS id WITH id WHERE NOT EXISTS { MATCH (:Product {id: id}) } RETURN collect(id) AS product }
CALL () { UNWIND $comment AS id WITH id WHERE NOT EXISTS { MATCH (:Comment {id: id}) } RETURN collect(id) AS comment }
CALL () { UNWIND $group AS id WITH id WHERE NOT EXISTS { MATCH (:Group {id: id}) } RETURN collect(id) AS group }
CALL () { UNWIND $share AS code WITH code WHERE NOT EXISTS { MATCH (:ShareLink {code: code}) } RETURN collect(code) AS share }
RETURN user, note, product, comment, group, share
