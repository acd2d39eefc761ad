import { createHmac, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { z } from 'zod';

const ExampleSchema = z.array(
  z.object({ name: z.string(), examples: z.array(z.looseObject({ action: z.string().optional() })) }),
);
const CommentExampleSchema = z.looseObject({
  issue: z.looseObject({ number: z.number() }),
  comment: z.looseObject({ id: z.number(), body: z.string() }),
});
type CommentExample = z.infer<typeof CommentExampleSchema>;

export interface GithubDelivery {
  deliveryId: string;
  body: string;
  headers: Record<string, string>;
}

/**
 * Signed GitHub `issue_comment.created` deliveries made from the recorded example in
 * @octokit/webhooks-examples (a 12 kB payload, as GitHub sends it), the author an OWNER.
 * `X-Hub-Signature-256` is HMAC-SHA256 of the raw body with the webhook secret, as GitHub signs it
 * (docs.github.com/webhooks/using-webhooks/validating-webhook-deliveries).
 */
export class GithubDeliveries {
  /** The example serialized once around three holes (issue number, comment id, comment body), filled per delivery. */
  private readonly parts: [string, string, string, string];
  private readonly secret: string;

  constructor(secret: string) {
    this.secret = secret;
    const require = createRequire(import.meta.url);
    const all = ExampleSchema.parse(require('@octokit/webhooks-examples/api.github.com/index.json'));
    const example: CommentExample = CommentExampleSchema.parse(
      all.find((entry) => entry.name === 'issue_comment')?.examples.find((entry) => entry.action === 'created'),
    );
    const holes = { issue: 7_777_777_771, comment: 7_777_777_772, body: '@@bench-body@@' };
    const serialized = JSON.stringify({
      ...example,
      issue: { ...example.issue, number: holes.issue },
      comment: { ...example.comment, id: holes.comment, body: holes.body, author_association: 'OWNER' },
    });
    const cut = (text: string, hole: string): [string, string] => {
      const pieces = text.split(hole);
      if (pieces.length !== 2) throw new Error(`the example payload holds ${hole} ${pieces.length - 1} times`);
      return [pieces[0] ?? '', pieces[1] ?? ''];
    };
    const [head, afterIssue] = cut(serialized, String(holes.issue));
    const [middle, afterComment] = cut(afterIssue, String(holes.comment));
    const [beforeBody, tail] = cut(afterComment, JSON.stringify(holes.body));
    this.parts = [head, middle, beforeBody, tail];
  }

  /** One delivery on issue `issueNumber`, comment `commentId`: its own conversation, its own 👀 target. */
  issueComment(text: string, issueNumber: number, commentId: number): GithubDelivery {
    const [head, middle, beforeBody, tail] = this.parts;
    const body = `${head}${issueNumber}${middle}${commentId}${beforeBody}${JSON.stringify(text)}${tail}`;
    const deliveryId = randomUUID();
    return { deliveryId, body, headers: this.headers(body, deliveryId) };
  }

  headers(body: string, deliveryId: string): Record<string, string> {
    return {
      'content-type': 'application/json',
      'x-github-event': 'issue_comment',
      'x-github-delivery': deliveryId,
      'x-hub-signature-256': `sha256=${createHmac('sha256', this.secret).update(body).digest('hex')}`,
      'user-agent': 'GitHub-Hookshot/bench',
    };
  }
}
