import { z } from 'zod';

/**
 * The parts of a streamed `chat.completion.chunk` the CLI reads (OpenAI's Chat Completions
 * streaming format, which vLLM serves). vLLM puts reasoning in `delta.reasoning_content`
 * (newer releases: `delta.reasoning`); the last chunk carries `usage` with empty `choices`
 * when `stream_options.include_usage` is set.
 */
export const StreamChunkSchema = z.object({
  choices: z
    .array(
      z.object({
        index: z.number().int().default(0),
        delta: z
          .object({
            content: z.string().nullish(),
            reasoning_content: z.string().nullish(),
            reasoning: z.string().nullish(),
            tool_calls: z
              .array(
                z.object({
                  index: z.number().int(),
                  id: z.string().nullish(),
                  function: z.object({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
                }),
              )
              .nullish(),
          })
          .nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish(),
  usage: z
    .object({ prompt_tokens: z.number().int().nonnegative(), completion_tokens: z.number().int().nonnegative() })
    .nullish(),
});
export type StreamChunk = z.infer<typeof StreamChunkSchema>;
