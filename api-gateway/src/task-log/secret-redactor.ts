const REDACTED = '[redacted]';

/** Credentials with a recognizable shape, wherever they appear in a string. */
const TOKEN_PATTERNS: readonly RegExp[] = [
  /\bgh[pousr]_[A-Za-z0-9]{30,}/g, // GitHub tokens
  /\bgithub_pat_[A-Za-z0-9_]{20,}/g,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, // Slack tokens
  /\bsk-[A-Za-z0-9_-]{20,}/g, // OpenAI-style API keys
  /\bAKIA[0-9A-Z]{16}\b/g, // AWS access key ids
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
];
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/-]{16,}=*/gi;

/**
 * Object keys whose values are credentials whatever they look like (`conversation_key` is not one).
 * A Slack `response_url` is a capability: whoever holds it may post in the channel for 30 minutes.
 */
const SECRET_KEY = /(?:^|[_-])(?:authorization|cookie|password|passwd|secret|token|api[_-]?key|private[_-]?key|signature(?:-256)?|response[_-]url)$/i;

/** Short values would redact ordinary words; real secrets are longer. */
const MIN_KNOWN_SECRET_LENGTH = 8;

/** Removes the platform's own secrets, and anything shaped like a credential, before a record is written. */
export class SecretRedactor {
  private readonly known: readonly string[];

  constructor(knownSecrets: ReadonlyArray<string | undefined>) {
    this.known = knownSecrets
      .filter((secret): secret is string => typeof secret === 'string' && secret.length >= MIN_KNOWN_SECRET_LENGTH)
      .sort((a, b) => b.length - a.length);
  }

  redactString(value: string): string {
    let result = value;
    for (const secret of this.known) result = result.split(secret).join(REDACTED);
    for (const pattern of TOKEN_PATTERNS) result = result.replace(pattern, REDACTED);
    return result.replace(BEARER, `$1${REDACTED}`);
  }

  /** A deep copy of `value` with secrets replaced; the input is never modified. */
  redact<T>(value: T): T {
    return this.walk(value) as T;
  }

  private walk(value: unknown): unknown {
    if (typeof value === 'string') return this.redactString(value);
    if (Array.isArray(value)) return value.map((item) => this.walk(item));
    if (value !== null && typeof value === 'object') {
      const copy: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        copy[key] = SECRET_KEY.test(key) && item !== null && item !== undefined ? REDACTED : this.walk(item);
      }
      return copy;
    }
    return value;
  }
}
