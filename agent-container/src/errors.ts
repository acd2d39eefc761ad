/** Base of every error the status API renders: a stable snake_case `code` and an HTTP status. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode: number,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'a valid bearer token is required') {
    super('unauthorized', message, 401);
  }
}

export class TaskNotRunningError extends AppError {
  constructor(taskId: string) {
    super('task_not_running', `task ${taskId} is not running in this worker`, 404);
  }
}
