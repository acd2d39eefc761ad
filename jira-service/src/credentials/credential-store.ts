import { eq } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { credentials } from '../db/schema.js';
import { CredentialsUnreadableError, EncryptionKeyMissingError } from '../errors.js';
import type { CredentialCipher } from './credential-cipher.js';
import { type CredentialField, type JiraCredentials, JiraCredentialsSchema } from './jira-credentials.js';

/** This service stores one credential, under this name. */
const NAME = 'jira';
/** Bound into the ciphertext, so a row copied under another name or service does not open. */
const CONTEXT = `jira-service:credentials:${NAME}`;

export interface StoredCredentialsStatus {
  /** Field name → when it was last set (ISO 8601). Never a value. */
  fields: Partial<Record<CredentialField, string>>;
  createdAt: Date;
  updatedAt: Date;
}

/** Jira credentials in the `jira.credentials` table, encrypted at rest with AES-256-GCM. */
export class CredentialStore {
  constructor(
    private readonly db: Database,
    /** null when CREDENTIALS_ENCRYPTION_KEY is not configured. */
    private readonly cipher: CredentialCipher | null,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get canStore(): boolean {
    return this.cipher !== null;
  }

  /** Which fields are stored and when, read without decrypting anything. */
  async status(): Promise<StoredCredentialsStatus | null> {
    const [row] = await this.db
      .select({ fields: credentials.fieldsUpdatedAt, createdAt: credentials.createdAt, updatedAt: credentials.updatedAt })
      .from(credentials)
      .where(eq(credentials.name, NAME));
    return row ? { fields: row.fields, createdAt: row.createdAt, updatedAt: row.updatedAt } : null;
  }

  async read(): Promise<JiraCredentials | null> {
    const [row] = await this.db.select().from(credentials).where(eq(credentials.name, NAME));
    if (!row) return null;
    if (!this.cipher) throw new EncryptionKeyMissingError();
    let value: unknown;
    try {
      value = JSON.parse(this.cipher.open(row, CONTEXT));
    } catch {
      throw new CredentialsUnreadableError();
    }
    const parsed = JiraCredentialsSchema.safeParse(value);
    if (!parsed.success) throw new CredentialsUnreadableError();
    return parsed.data;
  }

  /** Stores the whole credential; `changed` names the fields whose "last set" time moves. */
  async write(value: JiraCredentials, changed: readonly CredentialField[]): Promise<void> {
    if (!this.cipher) throw new EncryptionKeyMissingError();
    const sealed = this.cipher.seal(JSON.stringify(JiraCredentialsSchema.parse(value)), CONTEXT);
    const now = this.now();
    const previous = (await this.status())?.fields ?? {};
    const fields = { ...previous, ...Object.fromEntries(changed.map((field) => [field, now.toISOString()])) };
    await this.db
      .insert(credentials)
      .values({ name: NAME, ...sealed, fieldsUpdatedAt: fields, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: credentials.name, set: { ...sealed, fieldsUpdatedAt: fields, updatedAt: now } });
  }

  /** Removes the stored credential; the JIRA_* variables apply again. False when none was stored. */
  async remove(): Promise<boolean> {
    const removed = await this.db.delete(credentials).where(eq(credentials.name, NAME)).returning({ name: credentials.name });
    return removed.length > 0;
  }
}
