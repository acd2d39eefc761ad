import { describe, expect, it } from 'vitest';
import { SecretSearch } from './secret-search.js';

describe('SecretSearch', () => {
  const secret = 'sk-test-secret/with+chars';

  it('finds a secret as is, base64-encoded, URL-encoded and JSON-escaped', () => {
    const search = new SecretSearch({ KEY: secret });
    search.text('plain', `token=${secret}`);
    search.text('base64', `Basic ${Buffer.from(secret).toString('base64')}`);
    search.text('url', `?key=${encodeURIComponent(secret)}`);
    search.text('json', JSON.stringify({ nested: JSON.stringify({ key: 'sk-test-secret/with+chars"' }) }));
    search.text('clean', 'nothing to see');
    expect(search.sightings.map((sighting) => sighting.where)).toEqual(['plain', 'base64', 'url', 'json']);
    expect(search.searched.sources).toBe(5);
  });
});
