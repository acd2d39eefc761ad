import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { sessions, users } from '../db/schema.js';
import { hashSecret, newSecret } from './secret-tokens.js';
import { type User, toUser } from './user-store.js';

export interface NewSession {
  /** The cookie value: returned once, stored only as a hash. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface ActiveSession {
  user: User;
  csrfToken: string;
  expiresAt: Date;
}

export class SessionStore {
  constructor(
    private readonly db: Database,
    /** Sessions end this long after sign-in, whatever the activity. */
    private readonly ttlMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(userId: string): Promise<NewSession> {
    const token = newSecret();
    const csrfToken = newSecret();
    const now = this.now();
    const expiresAt = new Date(now.getTime() + this.ttlMs);
    await this.db.insert(sessions).values({ tokenHash: hashSecret(token), userId, csrfToken, createdAt: now, expiresAt });
    // Expired sessions are pruned here: sign-ins are rare, and the index on expires_at makes it cheap.
    await this.db.delete(sessions).where(lt(sessions.expiresAt, now));
    return { token, csrfToken, expiresAt };
  }

  /** The session of a cookie value, if it is unexpired and its user is still enabled. */
  async find(token: string): Promise<ActiveSession | null> {
    const [row] = await this.db
      .select({ user: users, csrfToken: sessions.csrfToken, expiresAt: sessions.expiresAt })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.tokenHash, hashSecret(token)), gt(sessions.expiresAt, this.now()), isNull(users.disabledAt)))
      .limit(1);
    return row ? { user: toUser(row.user), csrfToken: row.csrfToken, expiresAt: row.expiresAt } : null;
  }

  async remove(token: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.tokenHash, hashSecret(token)));
  }
}
