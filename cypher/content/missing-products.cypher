// Which of the given product ids do not exist.
UNWIND $ids AS id
OPTIONAL MATCH (p:Product {id: id})
WITH id, p WHERE p IS NULL
RETURN collect(id) AS missing
