/**
 * The only variables the agent CLI (and every command it runs) receives. Nothing else crosses:
 * no provider tokens, no SERVICE_TOKEN, no DATABASE_URL or REDIS_URL, no model API key (that
 * one goes on stdin).
 */
export const AGENT_ENV_ALLOWLIST = ['PATH', 'HOME', 'LANG', 'TZ', 'TMPDIR'] as const;

const FALLBACK_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The allowlisted environment of a run: PATH, LANG and TZ from `parent`, HOME and TMPDIR given. */
export function agentEnvironment(
  parent: Record<string, string | undefined>,
  dirs: { home: string; tmp: string },
): Record<string, string> {
  const env: Record<string, string> = { PATH: parent.PATH ?? FALLBACK_PATH, HOME: dirs.home, TMPDIR: dirs.tmp };
  if (parent.LANG) env.LANG = parent.LANG;
  if (parent.TZ) env.TZ = parent.TZ;
  return env;
}

/** Keeps only the allowlisted names of `env` (the CLI applies it again to the commands it runs). */
export function allowlistedEnvironment(env: Record<string, string | undefined>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of AGENT_ENV_ALLOWLIST) {
    const value = env[name];
    if (value !== undefined) kept[name] = value;
  }
  return kept;
}
