import { z } from 'zod';

export const FrameSchema = z
  .object({
    filename: z.string().nullable(),
    absPath: z.string().nullable(),
    module: z.string().nullable(),
    function: z.string().nullable(),
    lineNo: z.number().int().nullable(),
    colNo: z.number().int().nullable(),
    inApp: z.boolean().describe('Whether the frame is in the application rather than a library'),
    context: z
      .array(z.object({ lineNo: z.number().int(), line: z.string() }))
      .describe('Source lines around lineNo, when Sentry has them'),
  })
  .meta({ id: 'Frame' });

export const ExceptionSchema = z
  .object({
    type: z.string().nullable(),
    value: z.string().nullable(),
    module: z.string().nullable(),
    mechanism: z.object({ type: z.string().nullable(), handled: z.boolean().nullable() }).nullable(),
    frames: z.array(FrameSchema).describe('Oldest call first, the frame that raised last (Sentry order)'),
  })
  .meta({ id: 'Exception' });

/** The latest event of an issue, reduced to what a coding agent needs to find the bug. */
export const LatestEventSchema = z
  .object({
    id: z.string(),
    eventID: z.string(),
    groupID: z.string().nullable(),
    title: z.string(),
    message: z.string().nullable(),
    platform: z.string().nullable(),
    dateCreated: z.string().nullable(),
    release: z.string().nullable().describe('Release version'),
    environment: z.string().nullable(),
    tags: z.array(z.object({ key: z.string(), value: z.string() })),
    exceptions: z.array(ExceptionSchema).describe('Chained exceptions, the outermost last (Sentry order)'),
    request: z.object({ method: z.string().nullable(), url: z.string().nullable() }).nullable(),
  })
  .meta({
    id: 'LatestEvent',
    example: {
      id: '9999aaafcc8b46d797c23c6077c6ff01',
      eventID: '9999aaaaca8b46d797c23c6077c6ff01',
      groupID: '1341191803',
      title: 'This is an example Python exception',
      message: null,
      platform: 'javascript',
      dateCreated: '2020-06-17T22:26:56.098086Z',
      release: 'b65bc521378269d3eaefdc964f8ef56621414943',
      environment: 'prod',
      tags: [{ key: 'environment', value: 'prod' }],
      exceptions: [
        {
          type: 'ForbiddenError',
          value: 'GET /organizations/hellboy-meowmeow/users/ 403',
          module: null,
          mechanism: { type: 'generic', handled: true },
          frames: [
            {
              filename: '/usr/src/getsentry/src/sentry/node_modules/@sentry/browser/esm/helpers.js',
              absPath: 'webpack:////usr/src/getsentry/src/sentry/node_modules/@sentry/browser/esm/helpers.js',
              module: 'usr/src/getsentry/src/sentry/node_modules/@sentry/browser/esm/helpers',
              function: 'ignoreOnError',
              lineNo: 71,
              colNo: 23,
              inApp: false,
              context: [{ lineNo: 71, line: '            return fn.apply(this, wrappedArguments);' }],
            },
          ],
        },
      ],
      request: { method: null, url: 'https://sentry.io/organizations/hellboy-meowmeow/issues/' },
    },
  });
export type LatestEvent = z.infer<typeof LatestEventSchema>;
export type Frame = z.infer<typeof FrameSchema>;
export type EventException = z.infer<typeof ExceptionSchema>;
