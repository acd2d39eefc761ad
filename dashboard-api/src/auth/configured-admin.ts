import type { Logger } from 'pino';
import { ConflictError } from '../errors.js';
import type { ApiTokenStore } from './api-token-store.js';
import { type UserStore, countUsers } from './user-store.js';
import type { Database } from '../db/database.js';

export interface ConfiguredAdmin {
  email?: string;
  password?: string;
  /** A bearer token for this admin, for automation; replaced at every start. */
  token?: string;
}

/**
 * The first admin comes from the configuration: created with its password when the email has
 * no account yet. An existing account is left as it is (its password may have been changed in
 * the dashboard since); only the configured API token is brought in line at every start.
 */
export async function ensureConfiguredAdmin(
  deps: { db: Database; users: UserStore; tokens: ApiTokenStore; logger: Pick<Logger, 'info' | 'warn'> },
  admin: ConfiguredAdmin,
): Promise<void> {
  if (!admin.email) {
    if ((await countUsers(deps.db)) === 0) {
      deps.logger.warn('no dashboard user exists and DASHBOARD_ADMIN_EMAIL is unset: nobody can sign in');
    }
    return;
  }
  let user = await deps.users.findByEmail(admin.email);
  if (!user) {
    try {
      await deps.users.create({ email: admin.email, name: 'Admin', role: 'admin', password: admin.password });
      deps.logger.info({ email: admin.email }, 'created the configured dashboard admin');
    } catch (error) {
      // Another replica created it at the same moment.
      if (!(error instanceof ConflictError)) throw error;
    }
    user = await deps.users.findByEmail(admin.email);
  }
  if (!user) throw new Error('the configured admin could not be created');
  await deps.tokens.replaceConfigured(user.id, admin.token);
}
