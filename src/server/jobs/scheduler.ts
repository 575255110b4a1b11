import { consoleJobLogger, type JobLogger } from './job-queue.port.ts';

export interface TickerOptions {
  everyMs: number;
  tick: () => Promise<void> | void;
  logger?: JobLogger;
  /** Delay before the first tick; default random in [0, everyMs) so processes started together spread out. */
  firstDelayMs?: number;
  /** Names the ticker in log lines. */
  name?: string;
}

export interface Ticker {
  /** No further ticks; resolves once a tick in progress has finished. */
  stop(): Promise<void>;
}

/**
 * Runs `tick()` every `everyMs` (automatic sync, the stale-run reaper). A tick never overlaps the
 * previous one: the next is timed from the end of the slot it ran in, and slots a slow tick overran are
 * skipped rather than run back to back. Errors are logged, never thrown; the timer is unref'd.
 */
export function startTicker(options: TickerOptions): Ticker {
  const { everyMs, tick } = options;
  if (!Number.isFinite(everyMs) || everyMs <= 0) throw new RangeError('everyMs must be > 0');
  const logger = options.logger ?? consoleJobLogger;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(run, delayMs);
    timer.unref();
  }

  function run(): void {
    const startedAt = Date.now();
    running = (async () => {
      try {
        await tick();
      } catch (err) {
        logger.error({ ticker: options.name, err }, 'scheduled tick failed');
      }
    })().finally(() => {
      running = undefined;
      const elapsed = Date.now() - startedAt;
      schedule(everyMs - (elapsed % everyMs));
    });
  }

  schedule(options.firstDelayMs ?? Math.floor(Math.random() * everyMs));

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
