# mx-sim in a container: the simulator on port 8080 of every interface, as a non-root user.
#
#   docker build -t mx-sim .
#   docker run --rm -p 8080:8080 mx-sim --fast
#   docker run --rm -p 8080:8080 -v "$PWD/scenarios:/scenarios:ro" mx-sim --scenario /scenarios/qa.yaml
#
# Options are mx-sim's flags (docker run … mx-sim --help) or its environment variables (PORT, MX_SIM_FAST,
# MX_SIM_CLIENTS, …). See docs/container.md.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY src ./src
COPY openapi ./openapi
COPY bin ./bin
# The packages without their install scripts (so without npm's prepare, whose .d.ts types need tsc and
# files the image has no use for), the JavaScript build with the commands' code caches, then only the
# runtime packages stay.
RUN npm ci --no-audit --no-fund --ignore-scripts && node scripts/build.mjs --no-types \
  && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/bin ./bin
COPY --from=build --chown=node:node /app/openapi ./openapi
USER node
EXPOSE 8080
# Scenario files to load with --scenario /scenarios/<file>.
VOLUME ["/scenarios"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/_mx-sim/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "dist/bin/mx-sim.js"]
