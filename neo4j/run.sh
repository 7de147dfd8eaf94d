#!/usr/bin/env bash
# Runs the local Neo4j in the foreground: `npm run db`. Options are LocalNeo4j's
# (--host, --port, --data); by default Bolt is on 127.0.0.1:7687 with data in .neo4j-data/.
set -euo pipefail
cd "$(dirname "$0")"
if [[ ! -f target/zhongcao-neo4j-1.0.0.jar || ! -d target/lib ]]; then
  mvn -B -q -Dmaven.test.skip=true package
fi
cd ..
exec java -Xmx${NEO4J_HEAP:-1g} -XX:+UseG1GC -cp "neo4j/target/zhongcao-neo4j-1.0.0.jar:neo4j/target/lib/*" \
  zhongcao.neo4j.LocalNeo4j --data "${NEO4J_LOCAL_DATA_DIR:-.neo4j-data}" --port "${NEO4J_LOCAL_PORT:-7687}" "$@"
