import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { type AgentDefinition, AgentDefinitionSchema } from './agent-definition.js';

const DEFAULT_AGENT = 'default';

/** The agent definitions of `agent-container/agents/*.json`, loaded and validated at start. */
export class AgentCatalog {
  private constructor(private readonly agents: Map<string, AgentDefinition>) {
    if (!agents.has(DEFAULT_AGENT)) throw new Error(`no "${DEFAULT_AGENT}" agent is defined`);
  }

  static fromDefinitions(definitions: AgentDefinition[]): AgentCatalog {
    return new AgentCatalog(new Map(definitions.map((agent) => [agent.name, agent])));
  }

  static async load(directory: string): Promise<AgentCatalog> {
    const files = (await readdir(directory)).filter((file) => file.endsWith('.json')).sort();
    const definitions = await Promise.all(
      files.map(async (file) => {
        const parsed = AgentDefinitionSchema.safeParse(JSON.parse(await readFile(path.join(directory, file), 'utf8')));
        if (!parsed.success) throw new Error(`agents/${file}: ${z.prettifyError(parsed.error)}`);
        return parsed.data;
      }),
    );
    return AgentCatalog.fromDefinitions(definitions);
  }

  get names(): string[] {
    return [...this.agents.keys()];
  }

  /** The agent for a command: `agent=<name>` if given, else the one listing the command, else `default`. */
  resolve(command: string, options: Record<string, string>): AgentDefinition {
    const named = options.agent ? this.agents.get(options.agent) : undefined;
    const forCommand = [...this.agents.values()].find((agent) => agent.commands.includes(command));
    const agent = named ?? forCommand ?? this.agents.get(DEFAULT_AGENT);
    if (!agent) throw new Error(`no "${DEFAULT_AGENT}" agent is defined`);
    return options.runner ? { ...agent, runner: options.runner } : agent;
  }
}
