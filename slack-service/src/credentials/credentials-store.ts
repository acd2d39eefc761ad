import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { credentials } from '../db/schema.js';
import { CredentialsUnreadableError, EncryptionKeyMissingError } from '../errors.js';
import type { CredentialCipher } from './credential-cipher.js';

/** The credential fields slack-service keeps. */
export const CREDENTIAL_FIELDS = ['bot_token'] as const;
export type CredentialField = (typeof CREDENTIAL_FIELDS)[number];

export interface StoredFieldInfo {
  name: CredentialField;
  createdAt: Date;
  updatedAt: Date;
}

function isCredentialField(name: string): name is CredentialField {
  return (CREDENTIAL_FIELDS as readonly string[]).includes(name);
}

/** Encrypted credential rows. Values go in and come out only through the cipher; nothing else sees them. */
export class CredentialsStore {
  constructor(
    private readonly db: Database,
    private readonly cipher: CredentialCipher | null,
  ) {}

  get canStore(): boolean {
    return this.cipher !== null;
  }

  /** Sets or replaces a field; `replaced` tells a rotation from a first set. */
  async put(name: CredentialField, value: string): Promise<{ replaced: boolean }> {
    if (!this.cipher) throw new EncryptionKeyMissingError();
    const sealed = this.cipher.seal(value, name);
    const [row] = await this.db
      .insert(credentials)
      .values({ name, ...sealed })
      .onConflictDoUpdate({ target: credentials.name, set: { ...sealed, updatedAt: sql`now()` } })
      .returning({ createdAt: credentials.createdAt, updatedAt: credentials.updatedAt });
    return { replaced: row !== undefined && row.updatedAt.getTime() > row.createdAt.getTime() };
  }

  /** The clear value, or null when the field is not stored. A row that cannot be decrypted is an error, never a silent fallback. */
  async read(name: CredentialField): Promise<string | null> {
    const [row] = await this.db.select().from(credentials).where(eq(credentials.name, name));
    if (!row) return null;
    if (!this.cipher) throw new CredentialsUnreadableError('Slack credentials are stored but CREDENTIALS_ENCRYPTION_KEY is not configured');
    try {
      return this.cipher.open(row, name);
    } catch {
      throw new CredentialsUnreadableError();
    }
  }

  /** Which fields are stored and when: metadata only, never values. */
  async list(): Promise<StoredFieldInfo[]> {
    const rows = await this.db
      .select({ name: credentials.name, createdAt: credentials.createdAt, updatedAt: credentials.updatedAt })
      .from(credentials);
    return rows.flatMap((row) => (isCredentialField(row.name) ? [{ ...row, name: row.name }] : []));
  }

  async remove(name: CredentialField): Promise<boolean> {
    const deleted = await this.db.delete(credentials).where(eq(credentials.name, name)).returning({ name: credentials.name });
    return deleted.length > 0;
  }
}
