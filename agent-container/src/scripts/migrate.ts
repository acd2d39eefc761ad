// Applies this component's migrations to DATABASE_URL (or the embedded PGlite database).
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';

// Migrations need no token; a placeholder satisfies the schema when none is set.
const config = loadConfig({ ...process.env, SERVICE_TOKEN: process.env.SERVICE_TOKEN || 'migration-only-token' });
const database = openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
await database.migrate();
await database.close();
console.log('agent-container: migrations applied');
