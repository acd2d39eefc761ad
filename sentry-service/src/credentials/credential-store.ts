import { inArray } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { credentials } from '../db/schema.js';
import { CredentialsMissingError, CredentialsUnreadableError, EncryptionKeyMissingError } from '../errors.js';
import { CREDENTIAL_FIELDS, type CredentialField, type CredentialsStatus } from '../schemas/credentials.js';
import type { CredentialCipher } from './credential-cipher.js';

/** What a Sentry call needs. */
export interface SentryConnection {
  authToken: string;
  organization: string;
  baseUrl: string;
}

export type CredentialValues = Partial<Record<CredentialField, string>>;

/** The row-level context bound to each ciphertext, so a value moved to another field or service fails to decrypt. */
const aad = (field: CredentialField) => `sentry-service:${field}`;

/**
 * Sentry credentials: stored ones (encrypted, managed by the credentials API) win field by field
 * over the ones from the environment. Values are decrypted only to make a call; nothing here
 * ever returns them to an HTTP caller.
 */
export class CredentialStore {
  constructor(
    private readonly db: Database,
    private readonly cipher: CredentialCipher | null,
    private readonly fromEnvironment: CredentialValues,
  ) {}

  get encryptionConfigured(): boolean {
    return this.cipher !== null;
  }

  /** Replaces the stored values: the given fields are written, the other fields' stored values removed. */
  async replace(values: CredentialValues): Promise<void> {
    const cipher = this.requireCipher();
    const now = new Date();
    const rows = CREDENTIAL_FIELDS.flatMap((name) => {
      const value = values[name];
      return value === undefined ? [] : [{ name, ...cipher.encrypt(value, aad(name)), updatedAt: now }];
    });
    const absent = CREDENTIAL_FIELDS.filter((name) => values[name] === undefined);
    await this.db.transaction(async (tx) => {
      if (absent.length > 0) await tx.delete(credentials).where(inArray(credentials.name, absent));
      for (const row of rows) {
        await tx.insert(credentials).values(row).onConflictDoUpdate({ target: credentials.name, set: row });
      }
    });
  }

  /** Writes one field, keeping the others. */
  async write(name: CredentialField, value: string): Promise<void> {
    const row = { name, ...this.requireCipher().encrypt(value, aad(name)), updatedAt: new Date() };
    await this.db.insert(credentials).values(row).onConflictDoUpdate({ target: credentials.name, set: row });
  }

  /** Removes every stored value; the environment's values apply again. */
  async clear(): Promise<void> {
    await this.db.delete(credentials);
  }

  /** Which fields are set and from where, never their values. */
  async status(): Promise<CredentialsStatus> {
    const stored = new Map((await this.db.select({ name: credentials.name, updatedAt: credentials.updatedAt }).from(credentials)).map((row) => [row.name, row.updatedAt]));
    const field = (name: CredentialField) => {
      const updatedAt = stored.get(name);
      if (updatedAt) return { set: true, source: 'stored' as const, updated_at: updatedAt.toISOString() };
      if (this.fromEnvironment[name]) return { set: true, source: 'environment' as const, updated_at: null };
      return { set: false, source: null, updated_at: null };
    };
    return {
      encryption: this.cipher ? 'configured' : 'missing',
      fields: { auth_token: field('auth_token'), organization: field('organization'), base_url: field('base_url') },
    };
  }

  /** The values in use, field by field; a missing field is absent. */
  async current(): Promise<CredentialValues> {
    const rows = await this.db.select().from(credentials);
    const values: CredentialValues = { ...this.fromEnvironment };
    for (const row of rows) {
      const name = CREDENTIAL_FIELDS.find((field) => field === row.name);
      if (!name) continue;
      if (!this.cipher) throw new CredentialsUnreadableError();
      try {
        values[name] = this.cipher.decrypt(row, aad(name));
      } catch {
        throw new CredentialsUnreadableError();
      }
    }
    return values;
  }

  /** A complete connection, or 503 credentials_missing naming what is missing. */
  async connection(): Promise<SentryConnection> {
    return toConnection(await this.current());
  }

  private requireCipher(): CredentialCipher {
    if (!this.cipher) throw new EncryptionKeyMissingError();
    return this.cipher;
  }
}

export function toConnection(values: CredentialValues): SentryConnection {
  const { auth_token: authToken, organization, base_url: baseUrl } = values;
  if (!authToken || !organization || !baseUrl) {
    const missing = [!authToken && 'auth token', !organization && 'organization', !baseUrl && 'base URL'].filter((name): name is string => Boolean(name));
    throw new CredentialsMissingError(missing);
  }
  return { authToken, organization, baseUrl };
}
