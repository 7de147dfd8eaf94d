CREATE (:Migration {key: $scope + '/' + $name, scope: $scope, name: $name, checksum: $checksum, appliedAt: $appliedAt})
