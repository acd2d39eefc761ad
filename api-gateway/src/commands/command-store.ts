import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { commands } from '../db/schema.js';
import { BadRequestError, ConflictError, NotFoundError } from '../errors.js';
import type { CommandCatalog } from './command-catalog.js';

/**
 * `help` answers unknown commands and bare mentions; without it a mistyped command would get no
 * answer at all, so it can be edited but never disabled or deleted.
 */
export const PROTECTED_COMMAND = 'help';

export type CommandRow = typeof commands.$inferSelect;

export interface CommandChanges {
  description?: string;
  enabled?: boolean;
  options?: Record<string, string>;
}

/** Postgres `foreign_key_violation`: a webhook route still names the command as its default. */
const FOREIGN_KEY_VIOLATION = '23503';

function pgCode(error: unknown): string | undefined {
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  return typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
}

/** Admin writes to `gateway.commands`; every write drops this process's cached catalog. */
export class CommandStore {
  constructor(
    private readonly db: Database,
    private readonly catalog: CommandCatalog,
  ) {}

  list(): Promise<CommandRow[]> {
    return this.db.select().from(commands).orderBy(commands.name);
  }

  async get(name: string): Promise<CommandRow> {
    const [row] = await this.db.select().from(commands).where(eq(commands.name, name));
    if (!row) throw new NotFoundError('command_not_found', `no command named ${name}`);
    return row;
  }

  async create(input: { name: string; description: string; enabled: boolean; options: Record<string, string> }): Promise<CommandRow> {
    const [row] = await this.db.insert(commands).values(input).onConflictDoNothing().returning();
    if (!row) throw new ConflictError('command_exists', `a command named ${input.name} already exists`);
    this.catalog.invalidate();
    return row;
  }

  async update(name: string, changes: CommandChanges): Promise<CommandRow> {
    if (name === PROTECTED_COMMAND && changes.enabled === false) {
      throw new BadRequestError('command_protected', `${PROTECTED_COMMAND} answers unknown commands and cannot be disabled`);
    }
    const [row] = await this.db
      .update(commands)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(commands.name, name))
      .returning();
    if (!row) throw new NotFoundError('command_not_found', `no command named ${name}`);
    this.catalog.invalidate();
    return row;
  }

  async remove(name: string): Promise<void> {
    if (name === PROTECTED_COMMAND) throw new BadRequestError('command_protected', `${PROTECTED_COMMAND} answers unknown commands and cannot be deleted`);
    let deleted: { name: string }[];
    try {
      deleted = await this.db.delete(commands).where(eq(commands.name, name)).returning({ name: commands.name });
    } catch (error) {
      if (pgCode(error) === FOREIGN_KEY_VIOLATION) {
        throw new ConflictError('command_in_use', `${name} is the default command of a webhook route; change the route first`);
      }
      throw error;
    }
    if (deleted.length === 0) throw new NotFoundError('command_not_found', `no command named ${name}`);
    this.catalog.invalidate();
  }
}
