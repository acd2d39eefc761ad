import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AgentCatalog } from './agent-catalog.js';
import { parseAgentFile } from './agent-file.js';
import { renderHelp } from './help-text.js';

const agentsDir = fileURLToPath(new URL('../../agents', import.meta.url));

describe('agent definitions', () => {
  it('loads ask, review, fix, implement and plan from agents/, each answering its own command', async () => {
    const catalog = await AgentCatalog.load(agentsDir);
    expect(catalog.names.sort()).toEqual(['ask', 'fix', 'implement', 'plan', 'review']);
    for (const name of catalog.names) expect(catalog.resolve(name, {}).name).toBe(name);
    expect(catalog.resolve('fix', {})).toMatchObject({ runner: 'vllm', opens_pull_request: true, tools: expect.arrayContaining(['edit_file', 'write_file']) });
    expect(catalog.resolve('review', {}).tools).not.toContain('edit_file');
    expect(catalog.resolve('implement', {}).limits).toEqual({ max_steps: 80, timeout_ms: 1_800_000 });
  });

  it('sends unknown commands to ask, and honours --agent and --runner', async () => {
    const catalog = await AgentCatalog.load(agentsDir);
    expect(catalog.resolve('explain', {}).name).toBe('ask');
    expect(catalog.handles('explain')).toBe(false);
    expect(catalog.resolve('ask', { agent: 'plan' }).name).toBe('plan');
    expect(catalog.resolve('ask', { agent: 'nope' }).name).toBe('ask');
    expect(catalog.resolve('fix', { runner: 'claude' })).toMatchObject({ name: 'fix', runner: 'claude' });
  });

  it('reads front matter and body, and names the file and field of a mistake', () => {
    const agent = parseAgentFile('agents/x.md', '---\nname: x\ndescription: X\ncommands: [x]\n---\nDo X.\n');
    expect(agent).toMatchObject({ name: 'x', runner: 'vllm', prompt: 'Do X.' });
    expect(agent.opens_pull_request ?? false).toBe(false);
    expect(() => parseAgentFile('agents/y.md', 'no front matter')).toThrow('agents/y.md: an agent file starts with YAML front matter');
    expect(() => parseAgentFile('agents/y.md', '---\nname: y\ndescription: Y\ntools: [delete_everything]\n---\nDo Y.')).toThrow(/agents\/y\.md: .*tools/s);
    expect(() => parseAgentFile('agents/y.md', '---\nname: y\ndescription: Y\nlimits: { max_steps: 0 }\n---\nDo Y.')).toThrow(/max_steps/);
    expect(() => parseAgentFile('agents/y.md', '---\nname: y\ndescription: Y\nmodle: typo\n---\nDo Y.')).toThrow(/modle/);
  });

  it('refuses two agents claiming one command, or none named ask', () => {
    const agent = parseAgentFile('a.md', '---\nname: ask\ndescription: A\ncommands: [ask, go]\n---\nA');
    const other = parseAgentFile('b.md', '---\nname: other\ndescription: B\ncommands: [go]\n---\nB');
    expect(() => AgentCatalog.fromDefinitions([agent, other])).toThrow('the command "go" is claimed by both "ask" and "other"');
    expect(() => AgentCatalog.fromDefinitions([other])).toThrow('no "ask" agent is defined');
  });

  it('renders help from the registry: every command, its description, the options', async () => {
    const help = renderHelp(await AgentCatalog.load(agentsDir), { mention: '@agent', runners: ['vllm', 'claude'] });
    for (const command of ['ask', 'review', 'fix', 'implement', 'plan', 'help']) expect(help).toContain(`\`@agent ${command}`);
    expect(help).toContain('Opens a draft pull request');
    expect(help).toContain('`--runner=<name>` picks the agent runtime (`vllm`, `claude`)');
  });
});
