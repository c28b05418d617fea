// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL (or, unset, the embedded database
// in DATA_DIR), exactly as the server does at boot.
import { loadEnv } from '../apps/server/src/config/config.loader.js';
import { openDatabase } from '../apps/server/src/database/database.client.js';

const env = loadEnv(process.env);
const db = await openDatabase(
  env.DATABASE_URL
    ? { kind: 'postgres', url: env.DATABASE_URL }
    : { kind: 'embedded', dataDir: env.DATA_DIR },
);
try {
  const applied = await db.migrate();
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations.');
} finally {
  await db.close();
}
