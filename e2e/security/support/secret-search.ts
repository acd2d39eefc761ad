import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';

/** One place a planted secret was found. */
export interface Sighting {
  secret: string;
  where: string;
}

/**
 * The forms a secret can leak in: as is, base64 (a Basic header, a data URL), and URL- or
 * JSON-escaped. Each is searched for, so an encoded leak counts as a leak.
 */
function spellings(value: string): string[] {
  return [...new Set([value, Buffer.from(value).toString('base64'), Buffer.from(value).toString('base64url'), encodeURIComponent(value), JSON.stringify(value).slice(1, -1)])];
}

export class SecretSearch {
  readonly sightings: Sighting[] = [];
  /** How many sources and bytes were searched: a search of nothing would prove nothing. */
  readonly searched = { sources: 0, bytes: 0 };

  constructor(private readonly secrets: Record<string, string>) {}

  text(where: string, content: string): void {
    this.searched.sources += 1;
    this.searched.bytes += content.length;
    for (const [name, value] of Object.entries(this.secrets)) {
      if (spellings(value).some((spelling) => content.includes(spelling))) this.sightings.push({ secret: name, where });
    }
  }

  file(file: string): void {
    this.text(file, readFileSync(file, 'latin1'));
  }

  /** Every file under `dir`, recursively. */
  tree(dir: string): void {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) this.tree(full);
      else this.file(full);
    }
  }

  /** Every key under the BullMQ prefix, whatever its type: job hashes, lists, sets, streams. */
  async redis(url: string, prefix: string): Promise<number> {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    let keys = 0;
    try {
      let cursor = '0';
      do {
        const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
        cursor = next;
        for (const key of batch) {
          keys += 1;
          this.text(`redis ${key}`, await dumpKey(redis, key));
        }
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
    return keys;
  }

  /** The whole database, data and schema, as `pg_dump` writes it. */
  postgres(databaseUrl: string): string {
    const dump = execFileSync('pg_dump', ['--no-owner', databaseUrl], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    this.text(`postgres ${new URL(databaseUrl).pathname.slice(1)}`, dump);
    return dump;
  }
}

async function dumpKey(redis: Redis, key: string): Promise<string> {
  const type = await redis.type(key);
  switch (type) {
    case 'string':
      return (await redis.get(key)) ?? '';
    case 'hash':
      return JSON.stringify(await redis.hgetall(key));
    case 'list':
      return JSON.stringify(await redis.lrange(key, 0, -1));
    case 'set':
      return JSON.stringify(await redis.smembers(key));
    case 'zset':
      return JSON.stringify(await redis.zrange(key, 0, -1, 'WITHSCORES'));
    case 'stream':
      return JSON.stringify(await redis.xrange(key, '-', '+'));
    default:
      return '';
  }
}
