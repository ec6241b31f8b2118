# One image for the gateway, every subgraph and the migrations; the command picks the process.
#
# `npm install`, not `npm ci`: the committed lock file holds only the platform binaries of the
# machines that built it, and `npm ci` refuses a lock without every platform's; `npm install`
# still installs the locked versions. The compile needs the dev dependencies (TypeScript, the
# types, esbuild and GraphiQL's sources for its bundle, the embedded PostgreSQL of `npm start`):
# the build stage has them, the runtime stage only the production dependencies and the files
# the processes read.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: `prepare` bundles GraphiQL from sources not copied yet (the build below
# does it), and the embedded PostgreSQL's binaries are not needed to compile.
RUN npm install --ignore-scripts --no-audit --no-fund
# Everything .dockerignore lets through (no .env, tests, docs or local state).
COPY . .
RUN npm run build && npm prune --omit=dev --ignore-scripts --no-audit --no-fund && rm -rf dist/test

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
# Files read at run time: the composed supergraph, the public schema, the trusted documents and
# the gateway's pages (GraphiQL as its built bundle only).
COPY --from=build --chown=node:node /app/schema.graphql /app/trusted-documents.json ./
COPY --from=build --chown=node:node /app/gateway/supergraph.graphql ./gateway/
COPY --from=build --chown=node:node /app/gateway/dashboard ./gateway/dashboard
COPY --from=build --chown=node:node /app/gateway/links ./gateway/links
COPY --from=build --chown=node:node /app/gateway/graphiql/build ./gateway/graphiql/build
USER node
# Processes stop cleanly on SIGTERM within SHUTDOWN_GRACE_MS (10 s): give them longer than that.
STOPSIGNAL SIGTERM
CMD ["node", "dist/gateway/main.js"]
