import { parse } from 'yaml';
import { z } from 'zod';
import { type AgentDefinition, AgentDefinitionSchema } from './agent-definition.js';

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/**
 * An agent file: YAML front matter (name, description, runner, model, tools, commands, limits,
 * opens_pull_request) and the prompt as the Markdown body, the layout agent CLIs use for their
 * own agent definitions.
 */
export function parseAgentFile(file: string, text: string): AgentDefinition {
  const match = FRONT_MATTER.exec(text);
  if (!match) throw new Error(`${file}: an agent file starts with YAML front matter between --- lines`);
  let fields: unknown;
  try {
    fields = parse(match[1] ?? '');
  } catch (error) {
    throw new Error(`${file}: invalid YAML front matter: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) throw new Error(`${file}: the front matter must be a mapping`);
  const parsed = AgentDefinitionSchema.safeParse({ ...fields, prompt: (match[2] ?? '').trim() });
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
