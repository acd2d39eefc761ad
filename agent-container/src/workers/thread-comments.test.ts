import { describe, expect, it } from 'vitest';
import { answerComment, failureComment } from './thread-comments.js';

const TASK = 'task-01HZY0000000000000000000AB';

describe('thread comments', () => {
  it('ends the answer with the hidden marker the gateway ignores', () => {
    expect(answerComment(TASK, '  Done.\n')).toBe(`Done.\n\n<!-- swe-ai-fleet:task=${TASK} -->`);
  });

  it("keeps a long answer within GitHub's 65,536-character limit", () => {
    const body = answerComment(TASK, 'x'.repeat(100_000));
    expect(body.length).toBeLessThan(65_536);
    expect(body).toContain('answer cut at 64,000 characters');
  });

  it('says an empty answer is empty rather than posting nothing', () => {
    expect(answerComment(TASK, '')).toContain('finished without writing an answer');
  });

  it('links the task log under the dashboard URL, path prefix included', () => {
    expect(failureComment(TASK, 'model down', 'https://fleet.example.com/ui/')).toContain(`(https://fleet.example.com/ui/#/tasks/${TASK})`);
    expect(failureComment(TASK, 'model down', undefined)).not.toContain('Task log');
  });
});
