import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import type { SqlConnection } from './migrator.js';

export function pgConnection(client: pg.Client | pg.PoolClient): SqlConnection {
  return {
    query: async <Row>(sql: string, params?: unknown[]) =>
      (await client.query(sql, params)).rows as Row[],
    exec: async (script: string) => void (await client.query(script)),
  };
}

export function pgliteConnection(db: PGlite): SqlConnection {
  return {
    query: async <Row>(sql: string, params?: unknown[]) => (await db.query<Row>(sql, params)).rows,
    exec: async (script: string) => void (await db.exec(script)),
  };
}
