import { CredentialCipher } from './credentials/credential-cipher.js';
import { type CredentialValues, CredentialStore } from './credentials/credential-store.js';
import type { DatabaseHandle } from './db/database.js';
import type { Metrics } from './http/metrics.js';
import { IdempotencyStore, type IdempotencyStoreOptions } from './idempotency/idempotency-store.js';
import { ProviderProbe, type ProviderProbeOptions } from './sentry/provider-probe.js';
import { SentryClient, type SentryClientOptions } from './sentry/sentry-client.js';
import { SentryOperations } from './sentry/sentry-operations.js';

export interface ServiceOptions {
  database: DatabaseHandle;
  metrics: Metrics;
  /** CREDENTIALS_ENCRYPTION_KEY; without it credentials can only come from the environment. */
  encryptionKey?: string;
  /** SENTRY_AUTH_TOKEN, SENTRY_ORG, SENTRY_BASE_URL: used for each field nothing is stored for. */
  environmentCredentials: CredentialValues;
  client: Omit<SentryClientOptions, 'observer'>;
  idempotency?: IdempotencyStoreOptions;
  probe?: ProviderProbeOptions;
}

/** Builds the service's parts from plain options (main.ts passes configuration, tests pass stand-ins). */
export function composeServices(options: ServiceOptions) {
  const { metrics } = options;
  const client = new SentryClient({
    ...options.client,
    observer: {
      callFinished(operation, outcome, seconds) {
        metrics.providerCalls.inc({ operation, outcome });
        metrics.providerDuration.observe({ operation }, seconds);
      },
      retrying(operation, reason) {
        metrics.providerRetries.inc({ operation, reason });
      },
    },
  });
  const cipher = options.encryptionKey ? new CredentialCipher(options.encryptionKey) : null;
  const credentials = new CredentialStore(options.database.db, cipher, options.environmentCredentials);
  return {
    metrics,
    credentials,
    sentry: new SentryOperations(client, credentials),
    idempotency: new IdempotencyStore(options.database.db, options.idempotency),
    probe: new ProviderProbe(client, options.probe),
    environmentCredentials: options.environmentCredentials,
  };
}
