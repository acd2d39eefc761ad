import { eq } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { commands } from '../db/schema.js';

export interface CommandCatalogOptions {
  /**
   * How long a read of the table is reused. Every replica sees an admin change within this time.
   * @defaultValue 10_000
   */
  ttlMs?: number;
  now?: () => number;
}

/** The enabled command words from `gateway.commands`, cached briefly so a burst of webhooks reads the table once. */
export class CommandCatalog {
  private cached: { names: ReadonlySet<string>; readAt: number } | null = null;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly db: Database,
    options: CommandCatalogOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  async enabledNames(): Promise<ReadonlySet<string>> {
    const now = this.now();
    if (this.cached && now - this.cached.readAt < this.ttlMs) return this.cached.names;
    const rows = await this.db.select({ name: commands.name }).from(commands).where(eq(commands.enabled, true));
    const names = new Set(rows.map((row) => row.name.toLowerCase()));
    this.cached = { names, readAt: now };
    return names;
  }

  /** Forget the cached read, after this process changed the table. */
  invalidate(): void {
    this.cached = null;
  }
}
