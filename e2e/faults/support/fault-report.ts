import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { root } from '../../support/processes.js';

/** What one fault did to the work sent through it; `lost` and `duplicated` must be 0. */
export interface FaultReport {
  fault: string;
  scale: string;
  sent: number;
  acknowledged: number;
  completed: number;
  lost: number;
  duplicated: number;
  /** Anything else worth keeping: status counts, outage windows, durations. */
  details: Record<string, unknown>;
}

/** Prints one line and writes e2e/.artifacts/faults/<fault>.json, where docs/reliability.md takes its figures from. */
export function publishReport(report: FaultReport): void {
  const dir = path.join(root, 'e2e/.artifacts/faults');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${report.fault}.json`), `${JSON.stringify({ ...report, at: new Date().toISOString() }, null, 2)}\n`);
  const { fault, scale, sent, acknowledged, completed, lost, duplicated } = report;
  console.log(`[fault] ${fault} (${scale}): sent ${sent}, acknowledged ${acknowledged}, completed ${completed}, lost ${lost}, duplicated ${duplicated} ${JSON.stringify(report.details)}`);
}

/** Counts of each value, for status-code histograms. */
export function histogram(values: Array<string | number>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
  return counts;
}
