import { execa } from 'execa';

export class GitCommandError extends Error {
  constructor(
    readonly command: string,
    readonly exitCode: number | undefined,
    readonly stderr: string,
  ) {
    super(`git ${command} failed${exitCode === undefined ? '' : ` (exit ${exitCode})`}: ${stderr.trim().split('\n').slice(-4).join(' ') || 'no output'}`);
    this.name = 'GitCommandError';
  }
}

export interface GitOptions {
  /** Where git runs (`-C`). */
  cwd: string;
  /** A short-lived token, sent only to `url`'s origin as HTTP basic auth (`x-access-token`). */
  auth?: { url: string; token: string };
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Exit codes that are answers rather than failures (`diff --quiet` exits 1 for "different"). */
  okExitCodes?: number[];
}

const FALLBACK_PATH = '/usr/local/bin:/usr/bin:/bin';

/**
 * Runs git for the worker, hardened against what an agent may have left in a workspace: no system
 * or global config, no hooks, no fsmonitor command, no terminal prompts. The token never appears
 * in the arguments (visible in `ps`) or in a remote URL written to `.git/config`: it goes in the
 * command's environment as an `http.<origin>/.extraHeader` (git >= 2.31 reads GIT_CONFIG_COUNT).
 */
export async function git(args: string[], options: GitOptions): Promise<{ stdout: string; exitCode: number }> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? FALLBACK_PATH,
    HOME: options.cwd,
    LANG: 'C',
    LC_ALL: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
  };
  if (options.auth) {
    const basic = Buffer.from(`x-access-token:${options.auth.token}`).toString('base64');
    Object.assign(env, {
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: `http.${new URL(options.auth.url).origin}/.extraHeader`,
      GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
    });
  }
  const hardened = ['-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor=false', '-c', 'protocol.ext.allow=never', '-c', 'credential.helper='];
  const result = await execa('git', [...hardened, '-C', options.cwd, ...args], {
    env,
    extendEnv: false,
    reject: false,
    timeout: options.timeoutMs ?? 300_000,
    cancelSignal: options.signal,
    stripFinalNewline: true,
  });
  const exitCode = result.exitCode ?? -1;
  if (result.failed && !(options.okExitCodes ?? []).includes(exitCode)) {
    const reason = result.timedOut ? `timed out after ${options.timeoutMs ?? 300_000} ms` : String(result.stderr ?? '');
    throw new GitCommandError(args.filter((arg) => !arg.startsWith('-')).slice(0, 2).join(' '), result.exitCode, reason);
  }
  return { stdout: String(result.stdout ?? ''), exitCode };
}
