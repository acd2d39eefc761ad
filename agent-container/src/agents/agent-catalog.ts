import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { AgentDefinition } from './agent-definition.js';
import { parseAgentFile } from './agent-file.js';

/** The agent a command no agent lists falls back to. */
export const DEFAULT_AGENT = 'ask';

/** The agent definitions of `agent-container/agents/*.md`, loaded and validated at start. */
export class AgentCatalog {
  private constructor(private readonly agents: Map<string, AgentDefinition>) {
    if (!agents.has(DEFAULT_AGENT)) throw new Error(`no "${DEFAULT_AGENT}" agent is defined`);
    const owners = new Map<string, string>();
    for (const agent of agents.values()) {
      for (const command of agent.commands) {
        const other = owners.get(command);
        if (other) throw new Error(`the command "${command}" is claimed by both "${other}" and "${agent.name}"`);
        owners.set(command, agent.name);
      }
    }
  }

  static fromDefinitions(definitions: AgentDefinition[]): AgentCatalog {
    const agents = new Map<string, AgentDefinition>();
    for (const agent of definitions) {
      if (agents.has(agent.name)) throw new Error(`the agent "${agent.name}" is defined twice`);
      agents.set(agent.name, agent);
    }
    return new AgentCatalog(agents);
  }

  static async load(directory: string): Promise<AgentCatalog> {
    const files = (await readdir(directory)).filter((file) => file.endsWith('.md') && file !== 'README.md').sort();
    const definitions = await Promise.all(files.map(async (file) => parseAgentFile(`agents/${file}`, await readFile(path.join(directory, file), 'utf8'))));
    return AgentCatalog.fromDefinitions(definitions);
  }

  get names(): string[] {
    return [...this.agents.keys()];
  }

  list(): AgentDefinition[] {
    return [...this.agents.values()];
  }

  /** Whether some agent answers this command (else it falls back to the default agent). */
  handles(command: string): boolean {
    return this.list().some((agent) => agent.commands.includes(command));
  }

  /** The agent for a command: `--agent=<name>` if it names one, else the one listing the command, else `ask`. */
  resolve(command: string, options: Record<string, string>): AgentDefinition {
    const named = options.agent ? this.agents.get(options.agent) : undefined;
    const forCommand = this.list().find((agent) => agent.commands.includes(command));
    const agent = named ?? forCommand ?? this.agents.get(DEFAULT_AGENT);
    if (!agent) throw new Error(`no "${DEFAULT_AGENT}" agent is defined`);
    return options.runner ? { ...agent, runner: options.runner } : agent;
  }
}
