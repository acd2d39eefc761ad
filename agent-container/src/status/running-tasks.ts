export interface RunningTask {
  taskId: string;
  attempt: number;
  provider: string;
  command: string;
  agent: string;
  runner: string;
  startedAt: Date;
}

/** The agent tasks this process is running now, for the status API and the gauge. */
export class RunningTasks {
  private readonly tasks = new Map<string, RunningTask>();

  add(task: RunningTask): void {
    this.tasks.set(task.taskId, task);
  }

  remove(taskId: string): void {
    this.tasks.delete(taskId);
  }

  list(): RunningTask[] {
    return [...this.tasks.values()].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  }

  get size(): number {
    return this.tasks.size;
  }
}
