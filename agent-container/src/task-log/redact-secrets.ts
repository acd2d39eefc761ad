const REDACTED = '[redacted]';

/**
 * Credential shapes that may turn up in model output, command output or error messages:
 * GitHub tokens (ghp_/gho_/ghu_/ghs_/ghr_, github_pat_), Slack tokens (xox?-), OpenAI-style
 * keys (sk-), AWS access key ids, bearer tokens, passwords in URLs, and PEM private keys.
 */
const PATTERNS: Array<[RegExp, string]> = [
  [/\bgh[pousr]_[A-Za-z0-9]{30,}\b/g, REDACTED],
  [/\bgithub_pat_[A-Za-z0-9_]{20,}\b/g, REDACTED],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g, REDACTED],
  [/\bsk-[A-Za-z0-9_-]{20,}\b/g, REDACTED],
  [/\bAKIA[0-9A-Z]{16}\b/g, REDACTED],
  [/\b(Bearer|token)\s+[A-Za-z0-9._~+/-]{16,}=*/gi, `$1 ${REDACTED}`],
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+):[^\s@/]+@/gi, `$1:${REDACTED}@`],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, REDACTED],
];

export type Redactor = <T>(value: T) => T;

/**
 * A function that replaces the given secret values (the service's own SERVICE_TOKEN, the model
 * key) and known credential shapes in every string of a value, recursively.
 */
export function createRedactor(secrets: ReadonlyArray<string | undefined>): Redactor {
  const exact = secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length >= 8);
  const redactString = (text: string): string => {
    let result = text;
    for (const secret of exact) result = result.split(secret).join(REDACTED);
    for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
    return result;
  };
  const redact = (value: unknown): unknown => {
    if (typeof value === 'string') return redactString(value);
    if (Array.isArray(value)) return value.map(redact);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, redact(inner)]));
    }
    return value;
  };
  return <T>(value: T) => redact(value) as T;
}
