# One image for the gateway, every subgraph and the migrations; the command picks the process.
#
# `npm install`, not `npm ci`: the committed lock file holds only the platform binaries of the
# machines that built it, and `npm ci` refuses a lock without every platform's; `npm install`
# still installs the locked versions. The compile needs the dev dependencies (TypeScript, the
# types, esbuild for GraphiQL): a builder stage compiles, then drops them, and the image gets only what runs.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts here: `prepare` bundles GraphiQL from sources not copied yet (the build
# below does it), and the image needs none of the downloads other packages' scripts make.
RUN npm install --ignore-scripts --no-audit --no-fund
# Everything but .dockerignore's entries (node_modules, dist, .data, .git).
COPY . .
RUN npm run build && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0
# The compiled code with the production dependencies, and the files read at run time beside
# it (the composed supergraph, the public schema, the gateway's pages, seed data).
COPY --from=build --chown=node:node /app ./
USER node
CMD ["node", "dist/gateway/main.js"]
