import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { type UserRole, sessions, users } from '../db/schema.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { type ScryptParams, hashPassword } from './password-hasher.js';

/** A user as the API shows it: never the password hash. */
export interface User {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  disabled: boolean;
  has_password: boolean;
  created_at: string;
}

type UserRow = typeof users.$inferSelect;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabledAt !== null,
    has_password: row.passwordHash !== null,
    created_at: row.createdAt.toISOString(),
  };
}

/** Emails are compared lower-cased and trimmed: `Ada@Example.com ` is ada@example.com. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface NewUser {
  email: string;
  name?: string;
  role: UserRole;
  password?: string;
}

export class UserStore {
  constructor(
    private readonly db: Database,
    private readonly scrypt?: ScryptParams,
  ) {}

  async create(input: NewUser): Promise<User> {
    const email = normalizeEmail(input.email);
    const passwordHash = input.password === undefined ? null : await hashPassword(input.password, this.scrypt);
    const [row] = await this.db
      .insert(users)
      .values({ id: randomUUID(), email, name: input.name?.trim() || email, role: input.role, passwordHash })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new ConflictError(`a user with the email ${email} exists`);
    return toUser(row);
  }

  async findByEmail(email: string): Promise<UserRow | null> {
    const [row] = await this.db.select().from(users).where(eq(users.email, normalizeEmail(email))).limit(1);
    return row ?? null;
  }

  async list(): Promise<User[]> {
    return (await this.db.select().from(users).orderBy(asc(users.email))).map(toUser);
  }

  /**
   * Changes what is given. A new password or a disabled account ends the user's sessions; the
   * last active admin can be neither demoted nor disabled, so the dashboard is never locked.
   */
  async update(id: string, changes: { name?: string; role?: UserRole; password?: string; disabled?: boolean }): Promise<User> {
    return this.db.transaction(async (tx) => {
      const [current] = await tx.select().from(users).where(eq(users.id, id)).for('update').limit(1);
      if (!current) throw new NotFoundError(`no user ${id}`);
      const losesAdmin = current.role === 'admin' && current.disabledAt === null && (changes.role === 'viewer' || changes.disabled === true);
      if (losesAdmin) await assertAnotherAdmin(tx, id);
      const passwordHash = changes.password === undefined ? undefined : await hashPassword(changes.password, this.scrypt);
      const disabledAt = changes.disabled === undefined ? undefined : changes.disabled ? (current.disabledAt ?? new Date()) : null;
      const [row] = await tx
        .update(users)
        .set({ name: changes.name?.trim() || undefined, role: changes.role, passwordHash, disabledAt, updatedAt: new Date() })
        .where(eq(users.id, id))
        .returning();
      if (!row) throw new NotFoundError(`no user ${id}`);
      if (passwordHash !== undefined || changes.disabled === true) await tx.delete(sessions).where(eq(sessions.userId, id));
      return toUser(row);
    });
  }

  async remove(id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [current] = await tx.select().from(users).where(eq(users.id, id)).for('update').limit(1);
      if (!current) throw new NotFoundError(`no user ${id}`);
      if (current.role === 'admin' && current.disabledAt === null) await assertAnotherAdmin(tx, id);
      await tx.delete(users).where(eq(users.id, id));
    });
  }
}

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

async function assertAnotherAdmin(tx: Transaction, exceptId: string): Promise<void> {
  // Locks the other admins' rows too, so two admins cannot demote each other at the same moment.
  const others = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), isNull(users.disabledAt), ne(users.id, exceptId)))
    .for('update');
  if (others.length === 0) throw new ConflictError('this is the last active admin; make another admin first');
}

/** How many users exist; the login page uses it to say whether an admin must be configured. */
export async function countUsers(db: Database): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::integer` }).from(users);
  return row?.count ?? 0;
}
