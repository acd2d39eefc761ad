import { Redis } from 'ioredis';

/**
 * The ids of every job of one BullMQ queue, whatever its state: each job is a hash at
 * `<prefix>:<queue>:<job id>`, beside the queue's own keys (`wait`, `meta`, `<id>:lock`, ...).
 */
export async function queueJobIds(redisUrl: string, prefix: string, queue: string, idPattern = 'task-*'): Promise<string[]> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const ids: string[] = [];
  const base = `${prefix}:${queue}:`;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${base}${idPattern}`, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) {
        const id = key.slice(base.length);
        if (!id.includes(':')) ids.push(id);
      }
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return ids;
}

/** Removes every key under a test's queue prefix from the machine's Redis, so runs leave nothing behind. */
export async function deleteQueueKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
