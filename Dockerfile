# syntax=docker/dockerfile:1
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
# Socket reads of a large backend answer are 64 KiB buffers; from the mmap threshold up glibc maps
# them, so their memory goes back to the OS once freed instead of staying in the heap (README: memory).
# The gateway reads PARALLAX_HOST / PARALLAX_PORT (over the config file); the healthcheck reads the same port.
ENV NODE_ENV=production PARALLAX_CONFIG=/etc/parallax/parallax.yaml PARALLAX_HOST=0.0.0.0 PARALLAX_PORT=9480 \
    MALLOC_MMAP_THRESHOLD_=65536
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY schema ./schema
COPY dashboards ./dashboards
# uid/gid of the image's `node` user, numeric so Kubernetes runAsNonRoot can check it
USER 1000:1000
EXPOSE 9480
HEALTHCHECK --interval=15s --timeout=3s --start-period=5s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PARALLAX_PORT||9480)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/main.js"]
