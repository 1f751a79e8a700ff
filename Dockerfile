# One image for every service of the graph; the command chooses which one runs:
#   node dist/gateway/main.js                 (the default)
#   node dist/subgraphs/<name>/main.js        residents, health, school, housing, parking
#   node dist/deploy/migrate-main.js          the database migrations job
# Configuration comes from the environment (README, "Run each service alone"). No HEALTHCHECK:
# the orchestrator probes GET /healthz and GET /readyz itself.

# Node 24, a maintained line the suite runs on (.ci/run); pinned, so a rebuild is the image tested.
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only, exactly as locked.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# Read at run time: the subgraph contracts and the supergraph, the contract variants the gateway
# serves (each definition and its supergraph), and the trusted-documents manifest.
COPY --from=build /app/schema/*.graphql ./schema/
COPY --from=build /app/schema/contracts/ ./schema/contracts/
COPY --from=build /app/operations/persisted-query-manifest.json ./operations/
# The node image's unprivileged user, by number, so Kubernetes can check runAsNonRoot.
USER 1000:1000
EXPOSE 4000 4101 4102 4103 4104 4105 4106
CMD ["node", "dist/gateway/main.js"]
