import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { tasks } from '../../src/db/schema.js';
import { githubDelivery } from '../support/github-deliveries.js';
import { createTestDatabase } from '../support/test-database.js';
import { type TestGateway, WEBHOOK_SECRET, deleteQueueKeys, queueReaders, removeDirectory, startTestGateway } from '../support/test-gateway.js';
import { waitFor } from '../support/wait-for.js';

const ExamplesSchema = z.array(z.object({ name: z.string(), examples: z.array(z.record(z.string(), z.unknown())) }));
const examples = ExamplesSchema.parse(JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@octokit/webhooks-examples'), 'utf8'))).flatMap(
  (definition) => definition.examples.map((payload, index) => ({ event: definition.name, action: typeof payload.action === 'string' ? payload.action : undefined, index, payload })),
);

/** The deliveries whose body text a mention turns into a task. */
const HANDLED = new Set(['issue_comment.created', 'pull_request_review_comment.created', 'pull_request_review.submitted', 'issues.opened']);
const MENTION = '@agent fix the flaky login test';

/**
 * Writes the mention into every text a person wrote (`body` of the comment, review, issue, pull
 * request, discussion, release, ...), and gives each example its own issue number so that
 * GitHub's repeats of one issue trigger are not what the test measures.
 */
function plant(payload: Record<string, unknown>, number: number): Record<string, unknown> {
  const planted = structuredClone(payload);
  for (const value of Object.values(planted)) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const object = value as Record<string, unknown>;
    if ('body' in object && (typeof object.body === 'string' || object.body === null)) object.body = MENTION;
    if (typeof object.number === 'number') object.number = number;
  }
  return planted;
}

describe('every payload of @octokit/webhooks-examples, signed', () => {
  let gateway: TestGateway;
  let readers: ReturnType<typeof queueReaders>;
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    gateway = await startTestGateway({ databaseUrl: testDb.url });
    readers = queueReaders(gateway.prefix);
    await waitFor('Redis', () => gateway.queues.isReady());
  });

  afterAll(async () => {
    await gateway.close();
    await readers.close();
    await deleteQueueKeys(gateway.prefix);
    await removeDirectory(gateway.taskLogsDir);
    await testDb.drop();
  });

  const send = async (event: string, payload: unknown) => gateway.app.inject(await githubDelivery(WEBHOOK_SECRET, payload, { event }));

  it(`covers all ${examples.length} recorded deliveries of ${new Set(examples.map((example) => example.event)).size} events`, () => {
    expect(examples.length).toBeGreaterThan(300);
  });

  it('answers every recorded delivery 200 without a task', async () => {
    const answers = await Promise.all(examples.map(async (example) => ({ example, response: await send(example.event, example.payload) })));
    for (const { example, response } of answers) {
      const label = `${example.event}.${example.action ?? '-'} #${example.index}`;
      expect(response.statusCode, `${label}: ${response.body}`).toBe(200);
      expect(['event_not_handled', 'no_mention'], label).toContain(response.json().reason);
    }
    expect(await gateway.database.db.select().from(tasks)).toEqual([]);
  });

  it('makes a task exactly where a mention was planted in a handled event', async () => {
    const answers = await Promise.all(examples.map(async (example, index) => ({ example, response: await send(example.event, plant(example.payload, 5000 + index)) })));
    let expected = 0;
    for (const { example, response } of answers) {
      const name = `${example.event}.${example.action ?? '-'}`;
      const label = `${name} #${example.index}: ${response.body}`;
      if (HANDLED.has(name)) {
        expected += 1;
        expect(response.statusCode, label).toBe(202);
      } else {
        expect(response.statusCode, label).toBe(200);
        expect(response.json(), label).toEqual({ accepted: false, reason: 'event_not_handled' });
      }
    }
    expect(expected).toBe(15);
    expect(await gateway.database.db.select().from(tasks)).toHaveLength(expected);
    expect(await readers.agentTasks.count()).toBe(expected);
  });
});
