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
