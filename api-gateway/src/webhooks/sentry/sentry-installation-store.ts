import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { sentryInstallations } from '../../db/schema.js';

/** `gateway.sentry_installations`: which organization each installation of the integration belongs to. */
export class SentryInstallationStore {
  constructor(private readonly db: Database) {}

  async record(uuid: string, organization: string, status: string): Promise<void> {
    await this.db
      .insert(sentryInstallations)
      .values({ uuid, organization, status })
      .onConflictDoUpdate({ target: sentryInstallations.uuid, set: { organization, status, updatedAt: sql`now()` } });
  }

  async organizationOf(uuid: string): Promise<string | null> {
    const [row] = await this.db.select({ organization: sentryInstallations.organization, status: sentryInstallations.status }).from(sentryInstallations).where(eq(sentryInstallations.uuid, uuid));
    return row && row.status !== 'deleted' ? row.organization : null;
  }
}
