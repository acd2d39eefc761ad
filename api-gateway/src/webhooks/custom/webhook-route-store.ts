import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { type WebhookMapping, webhookRoutes } from '../../db/schema.js';
import { BadRequestError, ConflictError, EncryptionNotConfiguredError, NotFoundError } from '../../errors.js';
import type { SecretCipher } from './secret-cipher.js';

/** A custom route as the rest of the gateway sees it: the secret stays sealed in the row. */
export interface WebhookRoute {
  slug: string;
  description: string;
  mapping: WebhookMapping;
  defaultCommand: string;
  defaultRepository: string | null;
  requireMention: boolean;
  allowedAuthors: string[];
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewWebhookRoute {
  slug: string;
  description: string;
  /** Omitted: the gateway generates one (32 random bytes, base64url). */
  secret?: string;
  mapping: WebhookMapping;
  defaultCommand: string;
  defaultRepository: string | null;
  requireMention: boolean;
  allowedAuthors: string[];
  enabled: boolean;
}

export type WebhookRouteChanges = Partial<Omit<NewWebhookRoute, 'slug' | 'secret'>>;

const FOREIGN_KEY_VIOLATION = '23503';

function pgCode(error: unknown): string | undefined {
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  return typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
}

/** The route's secret is bound to its slug, so a sealed secret copied to another row never opens. */
const secretContext = (slug: string) => `webhook-route:${slug}`;

function withoutSecret(row: typeof webhookRoutes.$inferSelect): WebhookRoute {
  const { secret: _sealed, ...route } = row;
  return route;
}

/** `gateway.webhook_routes`: custom webhook routes and their sealed HMAC secrets. */
export class WebhookRouteStore {
  constructor(
    private readonly db: Database,
    private readonly cipher: SecretCipher | null,
  ) {}

  async list(): Promise<WebhookRoute[]> {
    return (await this.db.select().from(webhookRoutes).orderBy(webhookRoutes.slug)).map(withoutSecret);
  }

  async get(slug: string): Promise<WebhookRoute> {
    const [row] = await this.db.select().from(webhookRoutes).where(eq(webhookRoutes.slug, slug));
    if (!row) throw new NotFoundError('webhook_not_found', `no webhook route ${slug}`);
    return withoutSecret(row);
  }

  /** Creates the route; the secret is returned once and never again. */
  async create(input: NewWebhookRoute): Promise<{ route: WebhookRoute; secret: string }> {
    const secret = input.secret ?? randomBytes(32).toString('base64url');
    const sealed = this.requireCipher().seal(secret, secretContext(input.slug));
    const { secret: _plain, ...fields } = input;
    const [row] = await this.withCommandCheck(() => this.db.insert(webhookRoutes).values({ ...fields, secret: sealed }).onConflictDoNothing().returning());
    if (!row) throw new ConflictError('webhook_exists', `a webhook route ${input.slug} already exists`);
    return { route: withoutSecret(row), secret };
  }

  async update(slug: string, changes: WebhookRouteChanges): Promise<WebhookRoute> {
    const [row] = await this.withCommandCheck(() =>
      this.db
        .update(webhookRoutes)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(eq(webhookRoutes.slug, slug))
        .returning(),
    );
    if (!row) throw new NotFoundError('webhook_not_found', `no webhook route ${slug}`);
    return withoutSecret(row);
  }

  /** Replaces the secret (with the given one, or a generated one) and returns it once. */
  async rotateSecret(slug: string, secret?: string): Promise<string> {
    const next = secret ?? randomBytes(32).toString('base64url');
    const sealed = this.requireCipher().seal(next, secretContext(slug));
    const updated = await this.db
      .update(webhookRoutes)
      .set({ secret: sealed, updatedAt: sql`now()` })
      .where(eq(webhookRoutes.slug, slug))
      .returning({ slug: webhookRoutes.slug });
    if (updated.length === 0) throw new NotFoundError('webhook_not_found', `no webhook route ${slug}`);
    return next;
  }

  async remove(slug: string): Promise<void> {
    const deleted = await this.db.delete(webhookRoutes).where(eq(webhookRoutes.slug, slug)).returning({ slug: webhookRoutes.slug });
    if (deleted.length === 0) throw new NotFoundError('webhook_not_found', `no webhook route ${slug}`);
  }

  /** The route and its opened secret, for verifying a delivery; null when there is no such route. */
  async withSecret(slug: string): Promise<{ route: WebhookRoute; secret: string } | null> {
    const [row] = await this.db.select().from(webhookRoutes).where(eq(webhookRoutes.slug, slug));
    if (!row) return null;
    return { route: withoutSecret(row), secret: this.requireCipher().open(row.secret, secretContext(slug)) };
  }

  private requireCipher(): SecretCipher {
    if (!this.cipher) throw new EncryptionNotConfiguredError();
    return this.cipher;
  }

  private async withCommandCheck<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (pgCode(error) === FOREIGN_KEY_VIOLATION) throw new BadRequestError('unknown_command', 'default_command names no command; add it under /api/v1/commands first');
      throw error;
    }
  }
}
