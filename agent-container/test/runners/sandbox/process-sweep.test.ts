import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { newRunId, RUN_MARKER, markedProcesses, sweepLater } from '../../../src/runners/sandbox/process-sweep.js';
import { waitUntilGone } from '../../support/process-alive.js';

describe('process sweep', () => {
  it('kills a marked process that appears after the run ended, on a later sweep', async () => {
    const runId = newRunId();
    // The run has ended and its last sweep found nothing; then a process of the run shows up
    // (it was forked, or in the middle of exec, while that sweep read /proc).
    sweepLater(runId, [300]);
    const late = spawn('sleep', ['300'], { env: { ...process.env, [RUN_MARKER]: runId }, stdio: 'ignore' });
    const pid = late.pid ?? 0;
    await expect.poll(() => markedProcesses(runId)).toContain(pid);
    expect(await waitUntilGone([pid], 5_000)).toEqual([]);
  });

  it('leaves processes of other runs alone', async () => {
    const other = spawn('sleep', ['300'], { env: { ...process.env, [RUN_MARKER]: newRunId() }, stdio: 'ignore' });
    const pid = other.pid ?? 0;
    sweepLater(newRunId(), [10]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await waitUntilGone([pid], 0)).toEqual([pid]);
    other.kill('SIGKILL');
  });
});
