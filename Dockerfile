# syntax=docker/dockerfile:1
# The gateway as a container: built once in the first stage, run from dist/ with production
# dependencies only. Node 26 is the Active LTS line (LTS since 2026-10-28); the tag is pinned to a
# version so a rebuild does not change Node underneath. Build: docker build -t ipsecurityprofile-gateway .

# --- build: dev dependencies, tsc ---
FROM node:26.12.1-trixie-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json schema.graphql ./
COPY src ./src
RUN npm run build

# --- production dependencies only ---
FROM node:26.12.1-trixie-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force

# --- runtime: dist/, schema.graphql, production node_modules; no npm in the command ---
FROM node:26.12.1-trixie-slim AS runtime
ENV NODE_ENV=production \
    PORT=4000
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json schema.graphql ./
# The image's own unprivileged user (uid 1000); Kubernetes' runAsNonRoot checks the numeric id.
USER 1000:1000
EXPOSE 4000
# Slim images have no curl: node itself asks /health (which never calls Graph).
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# main.ts drains on SIGTERM (SHUTDOWN_DELAY_MS, then in-flight requests) and exits 0.
STOPSIGNAL SIGTERM
# node as PID 1 directly (not npm): signals reach the gateway.
CMD ["node", "dist/main.js"]
