import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Postgres: "database is being accessed by other users". */
const OBJECT_IN_USE = '55006';

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** A throwaway database on the machine's Postgres, dropped by `drop()`. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `t_jira_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // pg's Pool.end() resolves before its sockets have closed; a forced drop would kill them
    // mid-goodbye (an uncaught 57P01 in the test), so wait for them to go, and force only as a last resort.
    drop: () =>
      withAdmin(async (admin) => {
        for (let attempt = 0; attempt < 50; attempt += 1) {
          try {
            await admin.query(`DROP DATABASE IF EXISTS ${name}`);
            return;
          } catch (error) {
            if (!(error instanceof Error && 'code' in error && error.code === OBJECT_IN_USE)) throw error;
            await sleep(20);
          }
        }
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }),
  };
}
