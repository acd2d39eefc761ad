import { describe, expect, it } from 'vitest';
import { loadSandboxConfig } from '../../../src/runners/sandbox/sandbox-config.js';

describe('sandbox configuration', () => {
  it('runs agents as the service user unless a uid is set; the gid defaults to the uid', () => {
    expect(loadSandboxConfig({})).toEqual({});
    expect(loadSandboxConfig({ AGENT_RUN_AS_UID: '', AGENT_RUN_AS_GID: '' })).toEqual({});
    expect(loadSandboxConfig({ AGENT_RUN_AS_UID: '10001' })).toEqual({ runAs: { uid: 10001, gid: 10001 } });
    expect(loadSandboxConfig({ AGENT_RUN_AS_UID: '10001', AGENT_RUN_AS_GID: '100' })).toEqual({ runAs: { uid: 10001, gid: 100 } });
  });

  it('refuses a gid without a uid, and ids that are not numbers', () => {
    expect(() => loadSandboxConfig({ AGENT_RUN_AS_GID: '100' })).toThrow('AGENT_RUN_AS_GID: AGENT_RUN_AS_GID needs AGENT_RUN_AS_UID');
    expect(() => loadSandboxConfig({ AGENT_RUN_AS_UID: 'nobody' })).toThrow(/AGENT_RUN_AS_UID/);
    expect(() => loadSandboxConfig({ AGENT_RUN_AS_UID: '-1' })).toThrow(/AGENT_RUN_AS_UID/);
  });
});
