import { ProviderSchema, TaskStatusSchema } from '@swe-ai-fleet/contracts';
import { z } from 'zod';

const name = z.string().trim().min(1).max(200);

/** Query parameters that narrow a set of tasks: the list, the ledger and the CSV export share them. */
export const TaskFilterParams = {
  status: TaskStatusSchema.optional(),
  provider: ProviderSchema.optional(),
  repository: z
    .string()
    .regex(/^[^/\s]+\/[^/\s]+$/, 'repository is owner/name')
    .optional()
    .describe('`owner/name`'),
  command: name.optional(),
  agent: name.optional(),
  runner: name.optional(),
  model: name.optional(),
  author: name.optional().describe("The author's login"),
  from: z.iso.datetime({ offset: true }).optional().describe('received_at ≥ from'),
  to: z.iso.datetime({ offset: true }).optional().describe('received_at < to'),
  q: z.string().trim().min(1).max(200).optional().describe('Words (or word prefixes) that must all appear in the request, repository, command or author'),
};

/** A range that ends before it starts is a mistake worth saying, not an empty answer. */
export function rangeIsOrdered(range: { from?: string; to?: string }): boolean {
  return !range.from || !range.to || Date.parse(range.from) < Date.parse(range.to);
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** `tz`: the IANA time zone buckets and periods are cut in (days start at its midnight). */
export const TimeZoneParam = z
  .string()
  .max(64)
  .default('UTC')
  .refine(isTimeZone, 'tz is not an IANA time zone')
  .describe('IANA time zone the buckets are cut in (days start at its midnight)');
