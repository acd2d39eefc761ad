// Writes the committed openapi.json from the routes' zod schemas (`npm run openapi`).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openapiDocument } from '../http/openapi-document.js';

const target = fileURLToPath(new URL('../../openapi.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(await openapiDocument(), null, 2)}\n`);
console.log(`wrote ${target}`);
