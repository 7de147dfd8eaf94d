MATCH (m:Migration {scope: $scope})
RETURN m.name AS name, m.checksum AS checksum
ORDER BY m.name
