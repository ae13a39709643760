# One image for every app; the compose service picks the entry point. Node 22 LTS (Node 20 is out
# of support). The runtime image (the last stage, what `build: .` gives) holds the apps, the libs
# and the operations CLIs only: bench/ and tools/ stay out. The demo (tools/demo) has its own
# target, `demo`, which compose's demo profile builds (docs/demo.md).
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
COPY bench ./bench
COPY tools ./tools
RUN npm run build && npm prune --omit=dev

# `docker compose --profile demo`: the runtime plus dist/tools.
FROM node:22-bookworm-slim AS demo
ENV NODE_ENV=production TZ=UTC
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/apps ./dist/apps
COPY --from=build /app/dist/libs ./dist/libs
COPY --from=build /app/dist/tools ./dist/tools
COPY package.json ./
COPY config ./config
USER node
CMD ["node", "dist/tools/demo/main.js", "--minutes", "10"]

FROM node:22-bookworm-slim AS runtime
# The commit kd_build_info{commit} reports: docker compose build --build-arg KD_COMMIT=$(git rev-parse HEAD)
ARG KD_COMMIT=unknown
ENV NODE_ENV=production TZ=UTC KD_COMMIT=${KD_COMMIT} HTTP_PORT=8080
# The charts' PNGs draw their text with DejaVu Sans (@kd/charts): the slim image has no fonts.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/apps ./dist/apps
COPY --from=build /app/dist/libs ./dist/libs
COPY package.json ./
COPY config ./config
USER node
# Liveness of whichever app runs (each serves /health/live on HTTP_PORT); compose adds
# readiness checks per service. The migrate step exits: its container is not health-checked.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||8080)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/apps/api/src/main.js"]
