import { z } from 'zod';
import type { RunAs } from './run-as.js';
import type { TokenPrices } from './token-prices.js';

/** What every runner shares: the platform's model server (VLLM_*), prices, and the sandbox. */
export interface SharedRunnerSettings {
  /** The adapters' default endpoint, key, model and retries, from VLLM_BASE_URL, VLLM_API_KEY, VLLM_MODEL, VLLM_MAX_RETRIES. */
  modelServer: { baseUrl: string; apiKey?: string; model?: string; maxRetries: number };
  prices: TokenPrices;
  /** Where PATH, LANG and TZ come from (main passes process.env); nothing else is copied. */
  parentEnv: Record<string, string | undefined>;
  runAs?: RunAs;
}

export const SandboxEnvSchema = z
  .object({
    /**
     * Run every agent CLI, and the commands it runs, as this user. The service must run as root
     * (or with CAP_SETUID and CAP_CHOWN) to switch; the task's directories are handed to the user
     * for the run and back afterwards. Unset: the service's own user.
     */
    AGENT_RUN_AS_UID: z.coerce.number().int().min(0).optional(),
    /** Its group; unset means the number of the uid. */
    AGENT_RUN_AS_GID: z.coerce.number().int().min(0).optional(),
  })
  .refine((env) => env.AGENT_RUN_AS_GID === undefined || env.AGENT_RUN_AS_UID !== undefined, {
    message: 'AGENT_RUN_AS_GID needs AGENT_RUN_AS_UID',
    path: ['AGENT_RUN_AS_GID'],
  });

/** Parses `env` against `schema`, an empty variable counting as unset; throws one readable error. */
export function parseRunnerEnv<T extends z.ZodType>(schema: T, env: Record<string, string | undefined>): z.infer<T> {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}

export function loadSandboxConfig(env: Record<string, string | undefined>): { runAs?: RunAs } {
  const parsed = parseRunnerEnv(SandboxEnvSchema, env);
  if (parsed.AGENT_RUN_AS_UID === undefined) return {};
  return { runAs: { uid: parsed.AGENT_RUN_AS_UID, gid: parsed.AGENT_RUN_AS_GID ?? parsed.AGENT_RUN_AS_UID } };
}
