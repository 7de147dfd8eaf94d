# The Zhongcao API. Neo4j runs in its own container (see docker-compose.yml), so this image
# needs no Java; it is told where Neo4j is with NEO4J_URI.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY console ./console
# Builds the API and the web console (dist/console), which the API serves at /console.
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
# A CJK font, so that a browser run in this image (screenshots of the console, its browser tests)
# draws 种草 and the seeded Chinese text instead of boxes; the slim image has no font for them.
RUN apt-get update -qq \
  && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-noto-cjk \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY cypher ./cypher
# EXPORT_DIR's default in compose; owned by node so a volume mounted there is writable.
RUN mkdir -p /app/data-exports && chown node:node /app/data-exports
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/readyz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# A capped heap keeps the process inside a 512 MB container; raise it with NODE_OPTIONS if needed.
CMD ["node", "--max-old-space-size=384", "dist/main.js"]
