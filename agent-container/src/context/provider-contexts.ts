import type { z } from 'zod';
import type { JiraSourceSchema, SentrySourceSchema, SlackSourceSchema } from '@swe-ai-fleet/contracts';
import type { JiraServiceClient } from '../services/jira-service-client.js';
import type { CallContext } from '../services/service-caller.js';
import type { SentryEvent, SentryServiceClient } from '../services/sentry-service-client.js';
import type { SlackServiceClient } from '../services/slack-service-client.js';
import { type ContextSection, type GatheredContext, cut, readPiece } from './context-section.js';

const MAX_MESSAGE_CHARS = 2_000;
const MAX_FRAMES = 20;

/** A Slack thread: its messages before the one that asked, the bot's own left out. */
export async function slackContext(slack: SlackServiceClient, source: z.infer<typeof SlackSourceSchema>, call: CallContext): Promise<GatheredContext> {
  const missing: string[] = [];
  const replies = await readPiece('the thread', missing, () => slack.threadReplies(call, source.channel, source.thread_ts, 50));
  const messages = (replies?.messages ?? []).filter((message) => message.ts !== source.message_ts && !message.bot_id);
  const sections = messages.length > 0 ? [{ title: 'Slack thread', body: messages.map((message) => `<@${message.user ?? 'unknown'}> (${message.ts}):\n${cut(message.text, MAX_MESSAGE_CHARS)}`).join('\n\n') }] : [];
  return { sections, missing };
}

/** A Jira issue: summary, facts, description and links. */
export async function jiraContext(jira: JiraServiceClient, source: z.infer<typeof JiraSourceSchema>, call: CallContext): Promise<GatheredContext> {
  const missing: string[] = [];
  const issue = await readPiece('the Jira issue', missing, () => jira.getIssue(call, source.issue_key));
  if (!issue) return { sections: [], missing };
  const facts = [
    `Status: ${issue.status?.name ?? 'unknown'}`,
    `Type: ${issue.issue_type ?? 'unknown'}`,
    ...(issue.priority ? [`Priority: ${issue.priority}`] : []),
    ...(issue.labels.length > 0 ? [`Labels: ${issue.labels.join(', ')}`] : []),
    `Reporter: ${issue.reporter?.display_name ?? 'unknown'}`,
    `Assignee: ${issue.assignee?.display_name ?? 'unassigned'}`,
    ...issue.links.map((link) => `${link.relation} ${link.issue.key}${link.issue.summary ? ` (${link.issue.summary})` : ''}`),
  ];
  return { sections: [{ title: `Jira issue ${issue.key}: ${issue.summary}`, body: `${facts.join('\n')}\n\n${cut(issue.description || '(no description)', 8_000)}` }], missing };
}

function stackTrace(event: SentryEvent): string {
  return event.exceptions
    .map((exception) => {
      const frames = exception.frames.slice(-MAX_FRAMES).map((frame) => {
        const where = `${frame.filename ?? '?'}:${frame.lineNo ?? '?'} in ${frame.function ?? '?'}${frame.inApp ? '' : ' (library)'}`;
        const source = frame.inApp ? frame.context.map((line) => `    ${line.lineNo === frame.lineNo ? '>' : ' '} ${line.lineNo} ${line.line}`).join('\n') : '';
        return source ? `  ${where}\n${source}` : `  ${where}`;
      });
      return `${exception.type ?? 'Error'}: ${exception.value ?? ''}\n${frames.join('\n')}`;
    })
    .join('\n\n');
}

/** A Sentry issue: what, where and how often, and the latest event's stack trace with source context. */
export async function sentryContext(sentry: SentryServiceClient, source: z.infer<typeof SentrySourceSchema>, call: CallContext): Promise<GatheredContext> {
  const missing: string[] = [];
  const sections: ContextSection[] = [];
  const issue = await readPiece('the Sentry issue', missing, () => sentry.getIssue(call, source.issue_id));
  if (issue) {
    const facts = [
      `Culprit: ${issue.culprit ?? 'unknown'}`,
      `Level: ${issue.level ?? 'unknown'}, status: ${issue.status}, platform: ${issue.platform ?? 'unknown'}`,
      `Seen ${issue.count} times by ${issue.userCount} users, first ${issue.firstSeen ?? '?'}, last ${issue.lastSeen ?? '?'}`,
      ...(issue.permalink ? [`Link: ${issue.permalink}`] : []),
    ];
    sections.push({ title: `Sentry issue ${issue.shortId ?? issue.id}: ${issue.title}`, body: facts.join('\n') });
  }
  const event = await readPiece('the latest event', missing, () => sentry.latestEvent(call, source.issue_id));
  if (event) {
    const facts = [
      `Event ${event.eventID}: ${event.title}`,
      ...(event.release ? [`Release: ${event.release}`] : []),
      ...(event.environment ? [`Environment: ${event.environment}`] : []),
      ...(event.request?.url ? [`Request: ${event.request.method ?? ''} ${event.request.url}`.trim()] : []),
      ...(event.message ? [`Message: ${event.message}`] : []),
    ];
    sections.push({ title: 'Latest event and stack trace (most recent call last)', body: cut(`${facts.join('\n')}\n\n${stackTrace(event)}`, 20_000) });
  }
  return { sections, missing };
}
