export * from './ids.js';
export * from './queues.js';
export * from './task-source.js';
export * from './jobs.js';
export * from './task-events.js';
export * from './task-log.js';
