import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema.js';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  /** Applies this component's migrations (idempotent; serialized across processes). */
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

const SCHEMA = 'slack';
const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));
/** Any fixed number: serializes concurrent migrations of this component on one server. */
const MIGRATION_LOCK = 0x73_6c_61_6b;

/** Postgres at `url`, or an embedded PGlite database under `dataDir` when no URL is given. */
export function openDatabase(options: { url?: string; dataDir: string; onError?: (error: Error) => void }): DatabaseHandle {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: 10 });
    // A pooled connection that drops while idle (Postgres restarted, a failover) is an 'error' event
    // on the pool: unhandled, it ends the process. The pool discards that client, the next query
    // connects again, and queries that fail meanwhile report their own errors.
    pool.on('error', () => undefined);
    // A checked-out client has no pool listener: a reset between two queries of a transaction
    // would be an unhandled 'error' too. Its next query fails instead, and is handled there.
    pool.on('connect', (client) => client.on('error', () => undefined));
    // An idle connection that dies (Postgres restarted) is reported, not an uncaught 'error' crash.
    pool.on('error', (error) => options.onError?.(error));
    const open = new Set<pg.PoolClient>();
    pool.on('connect', (client) => open.add(client));
    pool.on('remove', (client) => open.delete(client));
    const db = drizzlePg(pool, { schema });
    return {
      db,
      async migrate() {
        const client = await pool.connect();
        try {
          await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
          await migratePg(drizzlePg(client, { schema }), { migrationsFolder, migrationsSchema: SCHEMA });
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
          client.release();
        }
      },
      async ping() {
        await db.execute(sql`select 1`);
      },
      async close() {
        await pool.end();
        // pool.end() resolves once every connection was asked to close, not once each has.
        while (open.size > 0) await once(pool, 'remove');
      },
    };
  }
  mkdirSync(options.dataDir, { recursive: true });
  const client = new PGlite(options.dataDir);
  const db = drizzlePglite(client, { schema });
  return {
    db,
    migrate: () => migratePglite(db, { migrationsFolder, migrationsSchema: SCHEMA }),
    async ping() {
      await db.execute(sql`select 1`);
    },
    close: () => client.close(),
  };
}
