import { NotificationJobSchema } from '@swe-ai-fleet/contracts';
import { type Job, UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import type { Metrics } from '../http/metrics.js';
import type { GithubServiceClient } from '../services/github-service-client.js';
import { ServiceCallError } from '../services/service-call-error.js';
import type { TaskLogs } from '../task-log/task-log.js';

export interface NotificationDeps {
  taskLogs: TaskLogs;
  github: GithubServiceClient;
  metrics: Metrics;
  logger: Logger;
}

export type NotificationOutcome = { sent: 'comment_reaction' | 'review_comment_reaction' | 'issue_reaction' } | { skipped: string };

/**
 * One `notifications` job: the fast acknowledgement. For a GitHub mention that is an 👀 reaction
 * on the comment or review comment (or on the issue / pull request when the mention was in its
 * body), made once
 * thanks to the Idempotency-Key `<task id>:ack-reaction`. Other providers come later.
 */
export class NotificationProcessor {
  constructor(private readonly deps: NotificationDeps) {}

  async process(job: Job): Promise<NotificationOutcome> {
    const parsed = NotificationJobSchema.safeParse(job.data);
    if (!parsed.success) {
      this.deps.logger.error({ job_id: job.id, issues: parsed.error.issues }, 'dropping an invalid notifications job');
      throw new UnrecoverableError(`invalid notifications job: ${parsed.error.message}`);
    }
    const notification = parsed.data;
    const source = notification.source;
    const skip = (reason: string): NotificationOutcome => {
      this.deps.metrics.notifications.inc({ provider: notification.provider, outcome: 'skipped' });
      this.deps.logger.info({ task_id: notification.task_id, reason }, 'acknowledgement skipped');
      return { skipped: reason };
    };
    if (source.provider !== 'github') return skip(`acknowledgements in ${source.provider} are not supported yet`);

    const context = {
      taskLog: this.deps.taskLogs.forTask(notification.task_id),
      idempotencyKey: `${notification.task_id}:ack-reaction`,
      traceparent: notification.traceparent,
    };
    try {
      let outcome: NotificationOutcome;
      if (source.review_comment_id !== undefined) {
        const target = { owner: source.owner, repo: source.repo, commentId: source.review_comment_id };
        await this.deps.github.addReviewCommentReaction(context, target, 'eyes');
        outcome = { sent: 'review_comment_reaction' };
      } else if (source.comment_id !== undefined) {
        await this.deps.github.addCommentReaction(context, { owner: source.owner, repo: source.repo, commentId: source.comment_id }, 'eyes');
        outcome = { sent: 'comment_reaction' };
      } else {
        await this.deps.github.addIssueReaction(context, { owner: source.owner, repo: source.repo, issueNumber: source.issue_number }, 'eyes');
        outcome = { sent: 'issue_reaction' };
      }
      this.deps.metrics.notifications.inc({ provider: 'github', outcome: 'sent' });
      return outcome;
    } catch (error) {
      this.deps.metrics.notifications.inc({ provider: 'github', outcome: 'failed' });
      if (error instanceof ServiceCallError && !error.retryable) throw new UnrecoverableError(error.message);
      throw error;
    } finally {
      await context.taskLog.flush();
    }
  }
}
