// Applies this component's migrations to DATABASE_URL (or the embedded PGlite database).
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';

const config = loadConfig({ SERVICE_TOKEN: 'migration-only-token', ...process.env });
const database = openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
await database.migrate();
await database.close();
console.log('jira-service: migrations applied');
