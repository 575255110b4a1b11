import { CannedResponse, type DeltaInvalidation, type FaultQueries, type RequestLike } from '../contracts.ts';
import { COUNTER, type EmulatorStats } from '../stats/emulator-stats.ts';
import { defaultGraphFaultBody } from './fault-response.ts';
import type { FaultStore } from './fault-rules.ts';

/** The fault questions the Graph part asks: delta invalidation, and faults for `$batch` inner requests. */
export function createFaultQueries(
  faults: FaultStore,
  stats: EmulatorStats,
): FaultQueries & {
  applyToInner(method: string, url: string): Promise<void>;
} {
  return {
    shouldInvalidateDelta(request: RequestLike): DeltaInvalidation | undefined {
      const rule = faults.take('delta', { method: request.method, url: request.url });
      if (!rule) return undefined;
      stats.increment(COUNTER.faultsFired);
      return rule.invalidateDelta;
    },

    /**
     * Runs a matching rule against a `$batch` inner request (`url` as `/v1.0/…`): waits `delayMs`, then throws a
     * `CannedResponse` for `respond` (and a 500 for `reset`, which an inner request cannot do).
     */
    async applyToInner(method: string, url: string): Promise<void> {
      const rule = faults.take('http', { method, url });
      if (!rule) return;
      stats.increment(COUNTER.faultsFired);
      if (rule.delayMs) await new Promise((resolve) => setTimeout(resolve, rule.delayMs));
      if (rule.respond) {
        const body = rule.respond.body ?? defaultGraphFaultBody(rule.respond.status, undefined);
        throw new CannedResponse(rule.respond.status, rule.respond.headers ?? {}, body);
      }
      if (rule.reset) throw new CannedResponse(500, {}, defaultGraphFaultBody(500, undefined));
    },
  };
}
