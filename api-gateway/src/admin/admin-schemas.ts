import { z } from 'zod';

/** `--key=value` options: the same keys a mention may write (letters first, then letters, digits, `_`, `-`). */
export const OptionsSchema = z
  .record(z.string().regex(/^[a-z][\w-]{0,31}$/, 'option keys are lowercase, start with a letter, at most 32 characters'), z.string().max(200))
  .refine((options) => Object.keys(options).length <= 20, 'at most 20 options')
  .describe('`--key=value` defaults, for example `{ "runner": "claude" }`; options written in the mention win');

export const CommandNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,31}$/, 'a command name is lowercase letters, digits and `-`, starting with a letter, at most 32 characters')
  .describe('The word written after the mention, for example `review`');

export const CommandSchema = z
  .object({
    name: CommandNameSchema,
    description: z.string().describe('Shown in the help the agent posts'),
    enabled: z.boolean(),
    options: z.record(z.string(), z.string()),
    protected: z.boolean().describe('`help` cannot be disabled or deleted: it answers unknown commands'),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({
    id: 'Command',
    example: {
      name: 'review',
      description: 'Review the pull request or the change under discussion',
      enabled: true,
      options: {},
      protected: false,
      created_at: '2025-01-01T00:00:00.000Z',
      updated_at: '2025-01-01T00:00:00.000Z',
    },
  });

export const CommandListSchema = z.object({ commands: z.array(CommandSchema) }).meta({ id: 'CommandList' });

export const CreateCommandSchema = z
  .object({
    name: CommandNameSchema,
    description: z.string().trim().min(1).max(500),
    enabled: z.boolean().default(true),
    options: OptionsSchema.default({}),
  })
  .meta({ id: 'CreateCommand', example: { name: 'triage', description: 'Label and summarize the issue', options: { agent: 'triager' } } });

export const UpdateCommandSchema = z
  .object({
    description: z.string().trim().min(1).max(500).optional(),
    enabled: z.boolean().optional(),
    options: OptionsSchema.optional(),
  })
  .refine((changes) => Object.keys(changes).length > 0, 'name at least one field to change')
  .meta({ id: 'UpdateCommand', example: { enabled: false } });

export const CommandParamsSchema = z.object({ name: CommandNameSchema });
