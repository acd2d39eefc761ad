import { randomUUID } from 'node:crypto';
import { and, desc, eq, gt, isNull, lt, ne, or } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { apiTokens, users } from '../db/schema.js';
import { NotFoundError } from '../errors.js';
import { API_TOKEN_PREFIX, hashSecret, newSecret } from './secret-tokens.js';
import { type User, toUser } from './user-store.js';

/** An API token as listed: its name and prefix, never the token. */
export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  source: 'user' | 'configuration';
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
}

type TokenRow = typeof apiTokens.$inferSelect;

function toApiToken(row: TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    source: row.source,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    expires_at: row.expiresAt?.toISOString() ?? null,
  };
}

/** last_used_at is written at most this often per token, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;
/** Characters of the token kept in clear to tell tokens apart: the prefix and four more. */
const SHOWN_CHARS = API_TOKEN_PREFIX.length + 4;

export class ApiTokenStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The token is in the answer once; only its SHA-256 is kept. */
  async create(userId: string, name: string, expiresAt?: Date): Promise<{ token: string; record: ApiToken }> {
    const token = `${API_TOKEN_PREFIX}${newSecret()}`;
    const [row] = await this.db
      .insert(apiTokens)
      .values({ id: randomUUID(), userId, name, tokenHash: hashSecret(token), prefix: token.slice(0, SHOWN_CHARS), source: 'user', expiresAt })
      .returning();
    if (!row) throw new Error('the token was not stored');
    return { token, record: toApiToken(row) };
  }

  async list(userId: string): Promise<ApiToken[]> {
    const rows = await this.db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt));
    return rows.map(toApiToken);
  }

  async remove(userId: string, id: string): Promise<void> {
    const removed = await this.db
      .delete(apiTokens)
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId)))
      .returning({ id: apiTokens.id });
    if (removed.length === 0) throw new NotFoundError(`no token ${id}`);
  }

  /** Replaces the user's configuration token (DASHBOARD_ADMIN_TOKEN): rotating it is a restart. */
  async replaceConfigured(userId: string, token: string | undefined): Promise<void> {
    const keep = token ? hashSecret(token) : '';
    await this.db
      .delete(apiTokens)
      .where(and(eq(apiTokens.userId, userId), eq(apiTokens.source, 'configuration'), ne(apiTokens.tokenHash, keep)));
    if (!token) return;
    // Replicas starting together all insert the same token: the first one wins, the others find it there.
    await this.db
      .insert(apiTokens)
      .values({
        id: randomUUID(),
        userId,
        name: 'DASHBOARD_ADMIN_TOKEN',
        tokenHash: keep,
        prefix: token.slice(0, SHOWN_CHARS),
        source: 'configuration',
      })
      .onConflictDoNothing({ target: apiTokens.tokenHash });
  }

  /** The user a bearer token belongs to, if the token exists, has not expired and its user is enabled. */
  async authenticate(token: string): Promise<User | null> {
    const now = this.now();
    const [row] = await this.db
      .select({ user: users, id: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(
        and(
          eq(apiTokens.tokenHash, hashSecret(token)),
          or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
          isNull(users.disabledAt),
        ),
      )
      .limit(1);
    if (!row) return null;
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
      await this.db
        .update(apiTokens)
        .set({ lastUsedAt: now })
        .where(and(eq(apiTokens.id, row.id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, stale))));
    }
    return toUser(row.user);
  }
}
