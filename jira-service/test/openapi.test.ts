import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startTestApp } from './support/test-app.js';

describe('openapi.json', () => {
  it('is the document the routes describe now (run `npm run build && npm run openapi` when this fails)', async () => {
    const t = await startTestApp();
    try {
      await t.app.ready();
      const committed: unknown = JSON.parse(readFileSync(fileURLToPath(new URL('../openapi.json', import.meta.url)), 'utf8'));
      expect(JSON.parse(JSON.stringify(t.app.swagger()))).toEqual(committed);
    } finally {
      await t.close();
    }
  });
});
