import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openapiDocument } from './openapi-document.js';

describe('openapi.json', () => {
  it('is up to date with the routes (regenerate with `npm run openapi`)', async () => {
    const committed: unknown = JSON.parse(readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(await openapiDocument())));
  });

  it('resolves every $ref to a component', async () => {
    const text = JSON.stringify(await openapiDocument());
    const document = JSON.parse(text) as { components: { schemas: Record<string, unknown> } };
    const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((ref) => !(ref in document.components.schemas))).toEqual([]);
  });
});
