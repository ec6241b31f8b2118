# One image for the gateway and every subgraph; the command picks the process.
FROM node:24-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm install --no-save typescript@7.0.2
COPY . .
RUN npx tsc -p tsconfig.json
ENV NODE_ENV=production HOST=0.0.0.0
CMD ["node", "dist/gateway/main.js"]
