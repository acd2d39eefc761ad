import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedisConnection } from '../../src/queue/redis-connection.js';
import { TcpForwarder, freePort } from '../support/tcp-forwarder.js';
import { REDIS_URL } from '../support/test-gateway.js';
import { waitFor } from '../support/wait-for.js';

function capturingLogger() {
  const lines: Array<{ level: number; msg: string }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

describe('createRedisConnection', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('logs one clear line naming REDIS_URL per outage, without the password, and one when Redis is back', async () => {
    const target = new URL(REDIS_URL);
    const forwarder = new TcpForwarder(await freePort(), { host: target.hostname, port: Number(target.port || 6379) });
    const { logger, lines } = capturingLogger();
    const redis = createRedisConnection(`redis://:hunter2-password@127.0.0.1:${forwarder.port}`, logger, { maxReconnectDelayMs: 50 });
    cleanups.push(() => redis.disconnect(), () => forwarder.close());

    let attempts = 0;
    redis.on('reconnecting', () => (attempts += 1));
    await waitFor('several reconnection attempts', () => attempts >= 5);
    const errors = lines.filter((line) => line.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.msg).toContain(`REDIS_URL=redis://:***@127.0.0.1:${forwarder.port}`);
    expect(JSON.stringify(lines)).not.toContain('hunter2');

    await forwarder.open();
    await waitFor('the connection', () => redis.status === 'ready');
    expect(lines.at(-1)?.msg).toBe('Redis is reachable again');
  });
});
