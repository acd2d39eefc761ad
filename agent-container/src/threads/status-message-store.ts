import { eq } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { statusMessages } from '../db/schema.js';
import type { MessageRef } from './thread.js';

/** `agent.status_messages`: where each task's status message is, for whoever edits it next. */
export class StatusMessageStore {
  constructor(private readonly db: Database) {}

  async get(taskId: string): Promise<MessageRef | null> {
    const [row] = await this.db.select().from(statusMessages).where(eq(statusMessages.taskId, taskId)).limit(1);
    return row ? { id: row.messageId, url: row.url } : null;
  }

  async save(taskId: string, provider: string, message: MessageRef): Promise<void> {
    await this.db.insert(statusMessages).values({ taskId, provider, messageId: message.id, url: message.url }).onConflictDoNothing();
  }
}
