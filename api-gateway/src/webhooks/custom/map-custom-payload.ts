import type { RepositoryRef } from '@swe-ai-fleet/contracts';
import type { WebhookMapping } from '../../db/schema.js';
import { parseRepository } from '../../pipeline/extract-repository.js';
import { resolvePointer } from './json-pointer.js';

/** What a route's JSON pointers found in one delivery. */
export interface MappedPayload {
  text: string | null;
  author: string | null;
  repository: RepositoryRef | null;
  thread: string | null;
  deliveryId: string | null;
  /** Why the delivery cannot be used as mapped (a missing text, a repository that is not `owner/name`). */
  problems: string[];
}

const MAX_ID_LENGTH = 200;

function scalar(value: unknown): string | null {
  if (typeof value === 'string') return value.length > 0 ? value : null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** Reads text, author, repository, thread and delivery id from a custom route's body. */
export function mapCustomPayload(payload: unknown, mapping: WebhookMapping): MappedPayload {
  const problems: string[] = [];
  const read = (pointer: string | undefined) => (pointer === undefined ? undefined : resolvePointer(payload, pointer));

  const textValue = read(mapping.text);
  const text = typeof textValue === 'string' && textValue.trim() !== '' ? textValue : null;
  if (text === null) problems.push(`text: ${mapping.text} is not a non-empty string in the body`);

  const author = scalar(read(mapping.author));
  const thread = scalar(read(mapping.thread));
  const deliveryId = scalar(read(mapping.delivery_id));
  for (const [name, value] of [['author', author], ['thread', thread], ['delivery_id', deliveryId]] as const) {
    if (value !== null && value.length > MAX_ID_LENGTH) problems.push(`${name}: longer than ${MAX_ID_LENGTH} characters`);
  }

  const repositoryValue = read(mapping.repository);
  let repository: RepositoryRef | null = null;
  if (repositoryValue !== undefined && repositoryValue !== null) {
    repository = typeof repositoryValue === 'string' ? parseRepository(repositoryValue) : null;
    if (!repository) problems.push(`repository: ${mapping.repository ?? ''} must be an "owner/name" string`);
  }
  return { text, author, repository, thread, deliveryId, problems };
}
