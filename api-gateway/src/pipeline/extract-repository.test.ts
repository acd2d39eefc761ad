import { describe, expect, it } from 'vitest';
import { extractRepository, parseRepository } from './extract-repository.js';

describe('extractRepository', () => {
  it('takes repo:owner/name out of the request', () => {
    expect(extractRepository('<@U1> fix the login test repo:acme/web-app')).toEqual({ repository: { owner: 'acme', name: 'web-app' }, text: '<@U1> fix the login test' });
    expect(extractRepository('repo:acme/api.v2, why does it flake?')).toEqual({ repository: { owner: 'acme', name: 'api.v2' }, text: ', why does it flake?' });
  });

  it('leaves other words alone', () => {
    expect(extractRepository('see myrepo:acme/x and repo:/nope')).toEqual({ repository: null, text: 'see myrepo:acme/x and repo:/nope' });
    expect(extractRepository('repo:-acme/x')).toMatchObject({ repository: null });
  });
});

describe('parseRepository', () => {
  it('parses owner/name and drops a .git suffix', () => {
    expect(parseRepository(' acme/web.git ')).toEqual({ owner: 'acme', name: 'web' });
    expect(parseRepository('acme/..')).toBeNull();
    expect(parseRepository('acme')).toBeNull();
    expect(parseRepository('a/b/c')).toBeNull();
  });
});
