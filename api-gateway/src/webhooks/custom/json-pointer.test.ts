import { describe, expect, it } from 'vitest';
import { JSON_POINTER, resolvePointer } from './json-pointer.js';

describe('resolvePointer', () => {
  // The examples of RFC 6901, section 5.
  const document = { foo: ['bar', 'baz'], '': 0, 'a/b': 1, 'c%d': 2, 'e^f': 3, 'g|h': 4, 'i\\j': 5, 'k"l': 6, ' ': 7, 'm~n': 8 };

  it('resolves the RFC 6901 examples', () => {
    expect(resolvePointer(document, '')).toBe(document);
    expect(resolvePointer(document, '/foo')).toEqual(['bar', 'baz']);
    expect(resolvePointer(document, '/foo/0')).toBe('bar');
    expect(resolvePointer(document, '/')).toBe(0);
    expect(resolvePointer(document, '/a~1b')).toBe(1);
    expect(resolvePointer(document, '/c%d')).toBe(2);
    expect(resolvePointer(document, '/ ')).toBe(7);
    expect(resolvePointer(document, '/m~0n')).toBe(8);
  });

  it('answers undefined for missing paths, bad indexes and inherited properties', () => {
    expect(resolvePointer(document, '/nope/deeper')).toBeUndefined();
    expect(resolvePointer(document, '/foo/2')).toBeUndefined();
    expect(resolvePointer(document, '/foo/01')).toBeUndefined();
    expect(resolvePointer({}, '/constructor')).toBeUndefined();
    expect(resolvePointer({ a: 1 }, 'a')).toBeUndefined();
  });

  it('recognizes valid pointers only', () => {
    expect(JSON_POINTER.test('/issue/title')).toBe(true);
    expect(JSON_POINTER.test('')).toBe(true);
    expect(JSON_POINTER.test('issue')).toBe(false);
    expect(JSON_POINTER.test('/a~2b')).toBe(false);
  });
});
