# podroom server image. Build: docker build -t podroom .   Run: see docker-compose.yml.
# The build stage has a compiler: argon2's prebuilt binary is not trusted and is compiled from
# source on install (package.json allowScripts); the runtime stage gets the pruned node_modules.
FROM node:22-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY prisma/migrations ./prisma/migrations
USER node
EXPOSE 3000
CMD ["node", "dist/apps/server/src/main.js"]
