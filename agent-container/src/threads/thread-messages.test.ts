import { describe, expect, it } from 'vitest';
import { githubFormat, jiraFormat } from './markdown-format.js';
import { slackFormat } from './slack-mrkdwn.js';
import { answerMessage, failureMessage, progressMessage, statusMessage } from './thread-messages.js';

const TASK = 'task-01HZY0000000000000000000AB';
const DASHBOARD = 'https://fleet.example.com/ui/';
const github = { format: githubFormat, taskId: TASK, dashboardUrl: DASHBOARD };

describe('thread messages', () => {
  it('ends every GitHub message with the hidden marker the gateway ignores, and links the task under the dashboard prefix', () => {
    const link = `(https://fleet.example.com/ui/#/tasks/${TASK})`;
    for (const message of [statusMessage(github, 'fix'), progressMessage(github, 2, 'ran `npm test`'), answerMessage(github, 'Done.'), failureMessage(github, 'model down')]) {
      expect(message.endsWith(`\n\n<!-- swe-ai-fleet:task=${TASK} -->`)).toBe(true);
      expect(message).toContain(link);
    }
    expect(failureMessage({ ...github, dashboardUrl: undefined }, 'model down')).not.toContain('Task log');
  });

  it('makes the same status message for the same task, whoever posts it', () => {
    expect(statusMessage(github, 'ask')).toBe(statusMessage({ ...github }, 'ask'));
    expect(statusMessage(github, 'ask')).toContain('👀');
  });

  it("keeps a long answer within the provider's limit, and says an empty answer is empty", () => {
    const long = answerMessage(github, 'x'.repeat(100_000));
    expect(long.length).toBeLessThan(65_536);
    expect(long).toContain('cut at 64,000 characters');
    expect(answerMessage({ ...github, format: jiraFormat }, 'x'.repeat(100_000)).length).toBeLessThan(32_767);
    expect(answerMessage(github, '  ')).toContain('finished without writing an answer');
  });

  it('links the draft pull request under the answer', () => {
    expect(answerMessage(github, 'Fixed it.', 'https://github.com/o/r/pull/7')).toContain('Fixed it.\n\n---\n🔀 I pushed my changes and opened a draft pull request: https://github.com/o/r/pull/7');
  });

  it('writes Slack mrkdwn: links, bold and headings converted, no HTML marker', () => {
    const message = answerMessage({ format: slackFormat, taskId: TASK, dashboardUrl: DASHBOARD }, '## Cause\n**The cookie** races; see [docs](https://x.test/a?b=1&c=2).\n```ts\nif (a < b) {}\n```');
    expect(message).toBe(
      `*Cause*\n*The cookie* races; see <https://x.test/a?b=1&amp;c=2|docs>.\n\`\`\`\nif (a &lt; b) {}\n\`\`\`\n\n<${DASHBOARD.replace(/\/$/, '')}/#/tasks/${TASK}|Task log>`,
    );
  });
});
