# syntax=docker/dockerfile:1
# ebpf-bot: build with dev dependencies, ship the compiled bot with production dependencies only.
# Pin the base image by version (and, where your registry allows, add its digest: node:24.21.0-bookworm-slim@sha256:…).
# No native addons (SQLite is Node's built-in node:sqlite), so the build needs no compiler.

FROM node:24.21.0-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bench ./bench
COPY catalog ./catalog
# npm ci runs the `prepare` script, which compiles TypeScript into dist/.
RUN npm ci --no-audit --no-fund \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:24.21.0-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/catalog ./catalog
COPY --chown=node:node manifest.yml ./
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# /healthz answers in HTTP mode on PORT and in Socket Mode on METRICS_PORT (default: PORT).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.METRICS_PORT || process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node is PID 1 here: it handles SIGTERM itself (graceful shutdown) and `docker stop` waits for it.
# A young generation of at most 4 MB a half keeps peak memory near what the bot uses (src/v8-memory.ts).
CMD ["node", "--max-semi-space-size=2", "dist/src/index.js"]
