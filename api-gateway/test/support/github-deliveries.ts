import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { sign } from '@octokit/webhooks-methods';
import { z } from 'zod';

const ExamplesSchema = z.array(
  z.object({ name: z.string(), examples: z.array(z.record(z.string(), z.unknown())) }),
);

/** A recorded GitHub delivery from @octokit/webhooks-examples (GitHub's own documented payloads). */
export function githubExample(event: string, action?: string): Record<string, unknown> {
  const file = createRequire(import.meta.url).resolve('@octokit/webhooks-examples');
  const definitions = ExamplesSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const example = definitions.find((definition) => definition.name === event)?.examples.find((payload) => action === undefined || payload.action === action);
  if (!example) throw new Error(`no ${event}.${action ?? '*'} example in @octokit/webhooks-examples`);
  return structuredClone(example);
}

export interface CommentOverrides {
  body?: string;
  association?: string;
  login?: string;
  userType?: string;
  senderType?: string;
}

/** The recorded `issue_comment.created` payload with the comment fields a test cares about changed. */
export function issueCommentCreated(overrides: CommentOverrides = {}): Record<string, unknown> {
  const payload = githubExample('issue_comment', 'created');
  const comment = z.object({ user: z.record(z.string(), z.unknown()) }).loose().parse(payload.comment);
  const sender = z.record(z.string(), z.unknown()).parse(payload.sender);
  if (overrides.body !== undefined) comment.body = overrides.body;
  if (overrides.association !== undefined) comment.author_association = overrides.association;
  if (overrides.login !== undefined) {
    comment.user.login = overrides.login;
    sender.login = overrides.login;
  }
  if (overrides.userType !== undefined) comment.user.type = overrides.userType;
  if (overrides.senderType !== undefined) sender.type = overrides.senderType;
  return { ...payload, comment, sender };
}

export interface DeliveryOptions {
  event?: string;
  deliveryId?: string;
  /** Sign with this secret instead of the right one. */
  signWith?: string;
  /** Send no signature header at all. */
  unsigned?: boolean;
  form?: boolean;
  /** Send these bytes instead of the serialized payload (still signed unless `unsigned`). */
  rawBody?: string;
  omitHeaders?: string[];
}

/** An `app.inject` request as GitHub would send it: the exact bytes, signed with the secret. */
export async function githubDelivery(secret: string, payload: unknown, options: DeliveryOptions = {}) {
  const json = JSON.stringify(payload);
  const body = options.rawBody ?? (options.form ? `payload=${encodeURIComponent(json)}` : json);
  const headers: Record<string, string> = {
    'content-type': options.form ? 'application/x-www-form-urlencoded' : 'application/json',
    'user-agent': 'GitHub-Hookshot/044aadd',
    'x-github-event': options.event ?? 'issue_comment',
    'x-github-delivery': options.deliveryId ?? randomUUID(),
    'x-github-hook-id': '292430182',
  };
  if (!options.unsigned) headers['x-hub-signature-256'] = await sign(options.signWith ?? secret, body);
  for (const name of options.omitHeaders ?? []) delete headers[name];
  return { method: 'POST' as const, url: '/webhooks/github', headers, payload: body };
}

/** A recorded payload with dotted paths changed (`comment.body`, `issue.user.login`, ...). */
export function githubPayload(event: string, action: string | undefined, changes: Record<string, unknown> = {}): Record<string, unknown> {
  const payload = githubExample(event, action);
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split('.');
    let target: Record<string, unknown> = payload;
    for (const key of keys.slice(0, -1)) {
      const next = target[key];
      if (next === null || typeof next !== 'object') throw new Error(`${event}.${action ?? '*'} has no object at ${path}`);
      target = next as Record<string, unknown>;
    }
    const last = keys.at(-1);
    if (last === undefined) throw new Error('empty path');
    target[last] = value;
  }
  return payload;
}
