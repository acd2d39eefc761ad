import { eq } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { credentials } from '../db/schema.js';
import { CredentialsUnreadableError, EncryptionKeyMissingError } from '../errors.js';
import type { CredentialCipher } from './credential-cipher.js';
import { type GithubCredentials, GithubCredentialsSchema } from './github-credentials.js';

/** The one row this service keeps; also the AAD that binds the ciphertext to it. */
const ROW = 'github';

export interface StoredCredentials {
  credentials: GithubCredentials;
  updatedAt: Date;
  /** Changes with every write (a fresh IV), so a reader can tell a rotation apart cheaply. */
  version: string;
}

/** GitHub credentials in the `github.credentials` table, sealed with AES-256-GCM. */
export class CredentialsStore {
  constructor(
    private readonly db: Database,
    private readonly cipher: CredentialCipher | null,
  ) {}

  get encryptionConfigured(): boolean {
    return this.cipher !== null;
  }

  async save(value: GithubCredentials): Promise<StoredCredentials> {
    if (!this.cipher) throw new EncryptionKeyMissingError();
    const sealed = this.cipher.seal(JSON.stringify(value), ROW);
    const updatedAt = new Date();
    await this.db
      .insert(credentials)
      .values({ name: ROW, ...sealed, updatedAt })
      .onConflictDoUpdate({ target: credentials.name, set: { ...sealed, updatedAt } });
    return { credentials: value, updatedAt, version: sealed.iv };
  }

  /**
   * The stored credentials, or null when none are stored. `knownVersion` lets a caller that
   * already holds the current credentials skip decryption: it gets `'unchanged'` back.
   */
  async load(knownVersion?: string): Promise<StoredCredentials | 'unchanged' | null> {
    const [row] = await this.db.select().from(credentials).where(eq(credentials.name, ROW));
    if (!row) return null;
    if (knownVersion !== undefined && row.iv === knownVersion) return 'unchanged';
    if (!this.cipher) throw new CredentialsUnreadableError();
    let parsed: ReturnType<typeof GithubCredentialsSchema.safeParse>;
    try {
      parsed = GithubCredentialsSchema.safeParse(JSON.parse(this.cipher.open(row, ROW)));
    } catch {
      throw new CredentialsUnreadableError();
    }
    if (!parsed.success) throw new CredentialsUnreadableError();
    return { credentials: parsed.data, updatedAt: row.updatedAt, version: row.iv };
  }

  /** True when a row was removed. */
  async remove(): Promise<boolean> {
    const removed = await this.db.delete(credentials).where(eq(credentials.name, ROW)).returning({ name: credentials.name });
    return removed.length > 0;
  }
}
