import type { Database } from '../db/database.js';
import { commands } from '../db/schema.js';

export interface CommandDefinition {
  name: string;
  description: string;
  /** `--key=value` defaults the command adds; options written in the mention win. */
  options: Record<string, string>;
}

/** One read of `gateway.commands`: what a mention may ask for, and what is switched off. */
export interface CommandSnapshot {
  enabled: ReadonlyMap<string, CommandDefinition>;
  disabled: ReadonlySet<string>;
}

export interface CommandCatalogOptions {
  /**
   * How long a read of the table is reused. Every replica sees an admin change within this time.
   * @defaultValue 10_000
   */
  ttlMs?: number;
  now?: () => number;
}

/** The command words from `gateway.commands`, cached briefly so a burst of webhooks reads the table once. */
export class CommandCatalog {
  private cached: { snapshot: CommandSnapshot; readAt: number } | null = null;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly db: Database,
    options: CommandCatalogOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  async snapshot(): Promise<CommandSnapshot> {
    const now = this.now();
    if (this.cached && now - this.cached.readAt < this.ttlMs) return this.cached.snapshot;
    const rows = await this.db.select().from(commands).orderBy(commands.name);
    const enabled = new Map<string, CommandDefinition>();
    const disabled = new Set<string>();
    for (const row of rows) {
      const name = row.name.toLowerCase();
      if (row.enabled) enabled.set(name, { name, description: row.description, options: row.options });
      else disabled.add(name);
    }
    const snapshot = { enabled, disabled };
    this.cached = { snapshot, readAt: now };
    return snapshot;
  }

  async enabledNames(): Promise<ReadonlySet<string>> {
    return new Set((await this.snapshot()).enabled.keys());
  }

  /** Forget the cached read, after this process changed the table. */
  invalidate(): void {
    this.cached = null;
  }
}
