import { describe, expect, it } from 'vitest';
import { parseCommand } from './parse-command.js';

const commands = new Set(['ask', 'review', 'fix', 'implement', 'plan', 'help']);
const defaults = { fallback: 'ask', bare: 'help' };
const parse = (text: string) => parseCommand(text, commands, defaults);

describe('parseCommand', () => {
  it('reads the command word and the text', () => {
    expect(parse(' fix the flaky login test')).toEqual({
      command: 'fix',
      options: {},
      text: 'the flaky login test',
      matched: 'command_word',
    });
  });

  it('matches the command word case-insensitively and without trailing punctuation', () => {
    expect(parse(', Review: the auth change')).toMatchObject({ command: 'review', text: 'the auth change' });
  });

  it('gives an unknown first word and the whole text to the fallback command', () => {
    expect(parse(' why does login flake?')).toEqual({
      command: 'ask',
      options: {},
      text: 'why does login flake?',
      matched: 'default',
    });
  });

  it('reads --key=value options from the command line, quoted or bare', () => {
    expect(parse(' fix --runner=claude the test --Model="qwen 3" --max_steps=\'20\'')).toEqual({
      command: 'fix',
      options: { runner: 'claude', model: 'qwen 3', max_steps: '20' },
      text: 'the test',
      matched: 'command_word',
    });
  });

  it('leaves flags on later lines in the text', () => {
    const parsed = parse(' fix the test\nit fails with `npm test --reporter=verbose`');
    expect(parsed.options).toEqual({});
    expect(parsed.text).toBe('the test\nit fails with `npm test --reporter=verbose`');
  });

  it('does not take a flag that is glued to a word or too long', () => {
    const long = 'x'.repeat(201);
    expect(parse(` plan a--b=c --note=${long}`)).toMatchObject({ options: {}, text: `a--b=c --note=${long}` });
  });

  it('answers a bare mention with help', () => {
    expect(parse('')).toMatchObject({ command: 'help', text: '', matched: 'default' });
    expect(parse('  --runner=vllm')).toMatchObject({ command: 'help', options: { runner: 'vllm' } });
  });

  it('does not match a command that the catalog lacks', () => {
    expect(parseCommand(' deploy now', new Set(['ask']), defaults)).toMatchObject({ command: 'ask', text: 'deploy now' });
  });

  describe('with an unknown-command default', () => {
    const strict = { ...defaults, unknown: 'help', disabled: new Set(['implement']) };
    const enabled = new Set([...commands].filter((name) => name !== 'implement'));
    const parseStrict = (text: string) => parseCommand(text, enabled, strict);

    it('answers a lone command-like word with help and names it', () => {
      expect(parseStrict(' deploy')).toEqual({ command: 'help', options: {}, text: 'deploy', matched: 'unknown_command', unknownCommand: 'deploy' });
      expect(parseStrict(' Deploy --env=prod')).toMatchObject({ command: 'help', options: { env: 'prod' }, unknownCommand: 'deploy' });
    });

    it('answers a disabled command with help, whatever follows it', () => {
      expect(parseStrict(' implement retries for the login test')).toMatchObject({ command: 'help', unknownCommand: 'implement', matched: 'unknown_command' });
    });

    it('still gives questions and sentences to the fallback command', () => {
      expect(parseStrict(' why?')).toMatchObject({ command: 'ask', text: 'why?', matched: 'default' });
      expect(parseStrict(' deploy the app to staging')).toMatchObject({ command: 'ask', matched: 'default' });
      expect(parseStrict(' deploy\nwith the new config')).toMatchObject({ command: 'ask', matched: 'default' });
      expect(parseStrict(' fix the test')).toMatchObject({ command: 'fix', matched: 'command_word' });
      expect(parseStrict('')).toMatchObject({ command: 'help', matched: 'default' });
    });
  });
});
