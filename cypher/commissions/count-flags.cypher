MATCH (f:FraudFlag)
WHERE $status IS NULL OR f.status = $status
RETURN count(f) AS total
