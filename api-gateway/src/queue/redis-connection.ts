import { Redis } from 'ioredis';
import type { Log } from '../observability/logger.js';

/** The URL as it may be logged: without its password. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable REDIS_URL)';
  }
}

export interface RedisConnectionOptions {
  /**
   * Longest wait between reconnection attempts.
   * @defaultValue 2_000
   */
  maxReconnectDelayMs?: number;
}

/**
 * The producer connection shared by the gateway's queues. Commands fail at once while Redis is
 * down (no offline queue) instead of piling up: the task is already safe in Postgres and the
 * outbox relay re-sends it. It reconnects forever and logs one line per outage, not per attempt.
 */
export function createRedisConnection(url: string, logger: Log, options: RedisConnectionOptions = {}): Redis {
  const maxDelay = options.maxReconnectDelayMs ?? 2_000;
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    // The three jobs of a task (and the jobs of tasks answered in the same turn of the event loop)
    // go to Redis in one write and one round trip.
    enableAutoPipelining: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 5_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, maxDelay),
  });
  const shownUrl = redactRedisUrl(url);
  let down = false;
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.error(
      { redis_url: shownUrl, err: error.message },
      `Redis is unreachable at REDIS_URL=${shownUrl}; tasks are kept in Postgres and the outbox relay enqueues them once Redis is back`,
    );
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    logger.info({ redis_url: shownUrl }, 'Redis is reachable again');
  });
  return redis;
}
