import type { CliErrorKind } from '../runners/vllm/cli-events.js';

export interface BudgetLimits {
  maxTokens?: number;
  maxCostUsd?: number;
  prices: { inputPerMTok: number; outputPerMTok: number };
}

export interface BudgetExceeded {
  kind: Extract<CliErrorKind, 'token_limit' | 'cost_limit'>;
  message: string;
}

/** Tokens and cost of a run so far, against its limits. */
export class RunBudget {
  inputTokens = 0;
  outputTokens = 0;

  constructor(private readonly limits: BudgetLimits) {}

  add(inputTokens: number, outputTokens: number): void {
    this.inputTokens += inputTokens;
    this.outputTokens += outputTokens;
  }

  get costUsd(): number {
    const { inputPerMTok, outputPerMTok } = this.limits.prices;
    return (this.inputTokens * inputPerMTok + this.outputTokens * outputPerMTok) / 1_000_000;
  }

  /** Why the run must stop now, or null while it is within its limits. */
  exceeded(): BudgetExceeded | null {
    const tokens = this.inputTokens + this.outputTokens;
    if (this.limits.maxTokens !== undefined && tokens > this.limits.maxTokens) {
      return { kind: 'token_limit', message: `stopped after using ${tokens} tokens, over the limit of ${this.limits.maxTokens}` };
    }
    const cost = this.costUsd;
    if (this.limits.maxCostUsd !== undefined && cost > this.limits.maxCostUsd) {
      return { kind: 'cost_limit', message: `stopped after spending $${cost.toFixed(4)}, over the limit of $${this.limits.maxCostUsd}` };
    }
    return null;
  }
}
