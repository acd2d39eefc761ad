/** RFC 6901: `""` is the whole document, otherwise `/`-separated tokens with `~1` for `/` and `~0` for `~`. */
export const JSON_POINTER = /^(?:\/(?:[^~/]|~[01])*)*$/;

/** The value at `pointer` inside `document`, or undefined when any step is missing. */
export function resolvePointer(document: unknown, pointer: string): unknown {
  if (!JSON_POINTER.test(pointer)) return undefined;
  if (pointer === '') return document;
  let current: unknown = document;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      if (!/^(?:0|[1-9]\d*)$/.test(token)) return undefined;
      current = current[Number(token)];
    } else if (current !== null && typeof current === 'object' && Object.hasOwn(current, token)) {
      current = (current as Record<string, unknown>)[token];
    } else {
      return undefined;
    }
  }
  return current;
}
