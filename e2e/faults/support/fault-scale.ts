/**
 * How hard the fault suite pushes. `make test` runs the bounded scale (every fault, smaller
 * counts, a few minutes in all); `make faults` sets FAULTS_SCALE=full for the figures of
 * docs/reliability.md (10,000 deliveries, 10,000 malformed requests, more kills).
 */
export interface FaultScale {
  name: 'bounded' | 'full';
  stormDeliveries: number;
  malformedRequests: number;
  agentTasks: number;
  agentKills: number;
  redisLoadPerSecond: number;
  providerTasks: number;
}

const SCALES: Record<FaultScale['name'], FaultScale> = {
  bounded: { name: 'bounded', stormDeliveries: 2_000, malformedRequests: 2_000, agentTasks: 8, agentKills: 2, redisLoadPerSecond: 40, providerTasks: 4 },
  full: { name: 'full', stormDeliveries: 10_000, malformedRequests: 10_000, agentTasks: 20, agentKills: 4, redisLoadPerSecond: 80, providerTasks: 10 },
};

/** The scale named by FAULTS_SCALE (`full`), bounded otherwise. */
export function faultScale(env: Record<string, string | undefined> = process.env): FaultScale {
  return env.FAULTS_SCALE === 'full' ? SCALES.full : SCALES.bounded;
}
