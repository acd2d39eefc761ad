/** Queue names fixed by ARCHITECTURE.md; producers and consumers both import these. */
export const QUEUE_AGENT_TASKS = 'agent-tasks';
export const QUEUE_NOTIFICATIONS = 'notifications';
export const QUEUE_TASK_EVENTS = 'task-events';
