import path from 'node:path';
import { defineConfig } from 'prisma/config';

// Prisma's CLI downloads a native schema engine before most commands; these machines (and many
// self-hosters' CI) cannot reach its binary host. podroom ships a small executable that speaks the
// engine's CLI contract over Prisma's own Wasm build of the engine (see docs/decisions/0002).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(
  import.meta.dirname,
  'prisma',
  'engine',
  'schema-engine.mjs',
);

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  // Read directly: Prisma's env() throws when the variable is unset, which would break postinstall.
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/postgres' },
});
