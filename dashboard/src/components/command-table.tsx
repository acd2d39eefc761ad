import { COMMAND_PATTERN } from '../format/input-patterns.js';
import { type FormEvent, useState } from 'react';
import { useCommandMutations, useCommands } from '../api/gateway-queries.js';
import type { RegistryEntry } from '../api/types.js';
import { EmptyState, ErrorState, Loading } from './state-views.js';
import { Badge } from './status-badge.js';

/** The gateway's commands with how often each was used; admins add, describe, enable, disable and delete them. */
export function CommandTable({ usage, isAdmin }: { usage: RegistryEntry[]; isAdmin: boolean }) {
  const commands = useCommands();
  const mutations = useCommandMutations();
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const add = (event: FormEvent) => {
    event.preventDefault();
    mutations.create.mutate(
      { name: name.trim(), description: description.trim(), enabled: true, options: {} },
      {
        onSuccess: () => {
          setAdding(false);
          setName('');
          setDescription('');
        },
      },
    );
  };
  if (commands.isPending) return <Loading label="Asking the gateway…" />;
  if (commands.isError) return <ErrorState error={commands.error} onRetry={() => void commands.refetch()} />;
  const used = new Map(usage.map((entry) => [entry.name, entry.tasks]));
  const error = mutations.update.error ?? mutations.remove.error;
  return (
    <>
      {error && <ErrorState error={error} title="The gateway refused the change." />}
      {commands.data.items.length === 0 ? (
        <EmptyState title="No command defined" />
      ) : (
        <div className="table-wrap">
          <table className="table compact">
            <thead>
              <tr>
                <th scope="col">Command</th>
                <th scope="col">Description</th>
                <th scope="col">Options</th>
                <th scope="col">State</th>
                <th scope="col" className="numeric">
                  Tasks
                </th>
                {isAdmin && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {commands.data.items.map((command) => (
                <tr key={command.name}>
                  <td>
                    <code>{command.name}</code>
                  </td>
                  <td>{command.description}</td>
                  <td>
                    <code>
                      {Object.entries(command.options)
                        .map(([key, value]) => `--${key}=${value}`)
                        .join(' ') || '—'}
                    </code>
                  </td>
                  <td>
                    <Badge tone={command.enabled ? 'success' : 'neutral'}>{command.enabled ? 'enabled' : 'disabled'}</Badge>
                    {command.protected && <span className="muted small"> built in</span>}
                  </td>
                  <td className="numeric">{(used.get(command.name) ?? 0).toLocaleString()}</td>
                  {isAdmin && (
                    <td className="actions">
                      {!command.protected && (
                        <>
                          <button type="button" className="link-button" onClick={() => mutations.update.mutate({ name: command.name, changes: { enabled: !command.enabled } })}>
                            {command.enabled ? 'Disable' : 'Enable'}
                          </button>
                          <button
                            type="button"
                            className="link-button"
                            onClick={() => {
                              const next = window.prompt(`Description of ${command.name}`, command.description)?.trim();
                              if (next) mutations.update.mutate({ name: command.name, changes: { description: next } });
                            }}
                          >
                            Describe
                          </button>
                          <button
                            type="button"
                            className="link-button danger"
                            onClick={() => window.confirm(`Delete the command ${command.name}?`) && mutations.remove.mutate(command.name)}
                          >
                            Delete
                          </button>
                        </>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {isAdmin &&
        (adding ? (
          <form className="inline-form" onSubmit={add} aria-label="New command">
            <input aria-label="Name" placeholder="triage" required pattern={COMMAND_PATTERN} value={name} onChange={(event) => setName(event.target.value)} />
            <input aria-label="Description" placeholder="What the command does" required value={description} onChange={(event) => setDescription(event.target.value)} className="grow" />
            <button type="submit" className="button button-primary" disabled={mutations.create.isPending}>
              Add
            </button>
            <button type="button" className="button button-quiet" onClick={() => setAdding(false)}>
              Cancel
            </button>
            {mutations.create.isError && <ErrorState error={mutations.create.error} title="The gateway refused it." />}
          </form>
        ) : (
          <p>
            <button type="button" className="button" onClick={() => setAdding(true)}>
              New command
            </button>
          </p>
        ))}
    </>
  );
}
