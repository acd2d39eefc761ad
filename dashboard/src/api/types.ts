import type { components } from '../generated/dashboard-api.js';

/** Shapes of dashboard-api's responses, from its committed OpenAPI document. */
export type Schemas = components['schemas'];
export type Task = Schemas['Task'];
export type TaskSummary = Schemas['TaskSummary'];
export type TaskList = Schemas['TaskList'];
export type TaskDetail = Schemas['TaskDetail'];
export type TaskLog = Schemas['TaskLog'];
export type TaskStatus = Task['status'];
export type Provider = Task['provider'];
export type AgentOutputRecord = Schemas['AgentOutputRecord'];
export type WebhookFlowRecord = Schemas['WebhookFlowRecord'];
export type QueueFlowRecord = Schemas['QueueFlowRecord'];
export type MicroserviceFlowRecord = Schemas['MicroserviceFlowRecord'];
