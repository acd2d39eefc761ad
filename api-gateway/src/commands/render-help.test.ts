import { describe, expect, it } from 'vitest';
import type { CommandSnapshot } from './command-catalog.js';
import { renderHelp } from './render-help.js';

const snapshot: CommandSnapshot = {
  enabled: new Map([
    ['review', { name: 'review', description: 'Review the change', options: {} }],
    ['ask', { name: 'ask', description: 'Answer a question', options: {} }],
    ['help', { name: 'help', description: 'List the commands', options: {} }],
  ]),
  disabled: new Set(['implement']),
};

describe('renderHelp', () => {
  it('lists the enabled commands with the invocation of the provider', () => {
    const help = renderHelp(snapshot, { invocation: '/agent' });
    expect(help).toContain('- `/agent ask`: Answer a question\n- `/agent help`: List the commands\n- `/agent review`: Review the change');
    expect(help).not.toContain('implement');
    expect(help).toContain('`--runner=claude`');
  });

  it('says why an unknown or disabled command got help', () => {
    expect(renderHelp(snapshot, { invocation: '@agent', unknownCommand: 'deploy' })).toMatch(/^`deploy` is not a command I know\./);
    expect(renderHelp(snapshot, { invocation: '@agent', unknownCommand: 'implement' })).toMatch(/^`implement` is turned off here\./);
  });
});
