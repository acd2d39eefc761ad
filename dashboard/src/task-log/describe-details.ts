/**
 * A flow record's `details` as short `key: value` pairs for a table cell. Nested values are
 * compacted to JSON; very long values are cut, the raw record stays available in the JSON view.
 */
export function describeDetails(details: Record<string, unknown> | undefined, maxValueLength = 80): string[] {
  if (!details) return [];
  return Object.entries(details)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => {
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      return `${key}: ${text.length > maxValueLength ? `${text.slice(0, maxValueLength - 1)}…` : text}`;
    });
}
