import type { DeltaInvalidation } from '../contracts.ts';
import { newGuid } from '../directory/ids.ts';
import { seededRng } from './seeded-rng.ts';

/** A rejected `POST /_emulator/faults` body. */
export class FaultInputError extends Error {}

export interface FaultMatch {
  method?: string;
  /** A prefix of the request URL (case-insensitive), or `/regex/flags` tested against path + query. */
  path?: string;
  /** EWS operation name (`SyncFolderItems`), from SOAPAction or the SOAP body. */
  op?: string;
}

export interface FaultRule {
  id: string;
  match: FaultMatch;
  respond?: { status: number; headers?: Record<string, string>; body?: unknown };
  /** Milliseconds the request waits (in flight, holding its throttle slot) before the rest of the rule applies. */
  delayMs?: number;
  /** Destroy the connection instead of answering. */
  reset?: boolean;
  /** Only consulted by the Graph delta code through `shouldInvalidateDelta`. */
  invalidateDelta?: DeltaInvalidation;
  /** Chance (0..1] that a matching request fires the rule; default 1. */
  probability?: number;
  /** Times the rule may still fire; unlimited when absent. */
  remaining?: number;
  fired: number;
}

export interface FaultTarget {
  method: string;
  url: string;
  op?: string;
}

/**
 * Injected faults (DESIGN §5). Rules are tried in creation order; the first that matches, passes its probability
 * and has count left fires. Probabilities draw from a seeded RNG (`faultSeed` config knob).
 */
export class FaultStore {
  private rules: FaultRule[] = [];
  private rng: () => number;

  constructor(seed: number) {
    this.rng = seededRng(seed);
  }

  reseed(seed: number): void {
    this.rng = seededRng(seed);
  }

  add(input: unknown): FaultRule {
    const rule = parseFaultRule(input);
    this.rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return [...this.rules];
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length !== before;
  }

  clear(): number {
    const removed = this.rules.length;
    this.rules = [];
    return removed;
  }

  /** True when some HTTP rule matches on the EWS operation, so the SOAP body must be read before routing. */
  needsOperation(): boolean {
    return this.rules.some((r) => r.match.op !== undefined);
  }

  /**
   * Fires and returns the first rule of `kind` that applies: `http` rules answer, delay or reset the request;
   * `delta` rules (`invalidateDelta`) are only consumed through `shouldInvalidateDelta`.
   */
  take(kind: 'http' | 'delta', target: FaultTarget): FaultRule | undefined {
    for (const rule of this.rules) {
      if ((rule.invalidateDelta !== undefined) !== (kind === 'delta')) continue;
      if (!matches(rule.match, target)) continue;
      if (rule.probability !== undefined && this.rng() >= rule.probability) continue;
      rule.fired++;
      if (rule.remaining !== undefined && --rule.remaining <= 0) this.remove(rule.id);
      return rule;
    }
    return undefined;
  }
}

function matches(match: FaultMatch, target: FaultTarget): boolean {
  if (match.method && match.method.toUpperCase() !== target.method.toUpperCase()) return false;
  if (match.op && match.op.toLowerCase() !== target.op?.toLowerCase()) return false;
  if (match.path) {
    const regex = pathRegex(match.path);
    if (regex ? !regex.test(target.url) : !target.url.toLowerCase().startsWith(match.path.toLowerCase())) return false;
  }
  return true;
}

/**
 * `/…/flags` is a regex when it holds a regex metacharacter other than `.` (`^$*+?()[]{}|\`); otherwise the string
 * is a prefix, so `/v1.0/me/` stays a prefix.
 */
export function pathRegex(path: string): RegExp | undefined {
  const m = path.match(/^\/(.+)\/([gimsuy]*)$/);
  if (!m?.[1] || !/[\^$*+?()[\]{}|\\]/.test(m[1])) return undefined;
  try {
    return new RegExp(m[1], (m[2] ?? '').replace('g', ''));
  } catch (err) {
    throw new FaultInputError(`match.path is not a valid regex: ${(err as Error).message}`);
  }
}

function parseFaultRule(input: unknown): FaultRule {
  if (!isObject(input)) throw new FaultInputError('body must be a JSON object');
  const match = isObject(input.match) ? input.match : {};
  const rule: FaultRule = { id: newGuid(), match: {}, fired: 0 };
  for (const key of ['method', 'path', 'op'] as const) {
    const value = match[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !value) throw new FaultInputError(`match.${key} must be a non-empty string`);
    rule.match[key] = value;
  }
  if (rule.match.path) pathRegex(rule.match.path);
  if (input.respond !== undefined) {
    const r = input.respond;
    if (!isObject(r) || !Number.isInteger(r.status) || (r.status as number) < 100 || (r.status as number) > 599) {
      throw new FaultInputError('respond.status must be an HTTP status code');
    }
    if (
      r.headers !== undefined &&
      (!isObject(r.headers) || Object.values(r.headers).some((v) => typeof v !== 'string'))
    ) {
      throw new FaultInputError('respond.headers must map names to strings');
    }
    rule.respond = {
      status: r.status as number,
      headers: r.headers as Record<string, string> | undefined,
      body: r.body,
    };
  }
  if (input.delayMs !== undefined) {
    if (typeof input.delayMs !== 'number' || input.delayMs < 0 || input.delayMs > 600_000) {
      throw new FaultInputError('delayMs must be a number between 0 and 600000');
    }
    rule.delayMs = input.delayMs;
  }
  if (input.reset !== undefined) {
    if (typeof input.reset !== 'boolean') throw new FaultInputError('reset must be a boolean');
    rule.reset = input.reset;
  }
  if (input.invalidateDelta !== undefined) {
    if (input.invalidateDelta !== '410' && input.invalidateDelta !== 'syncStateNotFound') {
      throw new FaultInputError(`invalidateDelta must be "410" or "syncStateNotFound"`);
    }
    rule.invalidateDelta = input.invalidateDelta;
  }
  if (input.probability !== undefined) {
    if (typeof input.probability !== 'number' || !(input.probability > 0 && input.probability <= 1)) {
      throw new FaultInputError('probability must be a number in (0, 1]');
    }
    rule.probability = input.probability;
  }
  if (input.count !== undefined) {
    if (!Number.isInteger(input.count) || (input.count as number) < 1)
      throw new FaultInputError('count must be a positive integer');
    rule.remaining = input.count as number;
  }
  if (!rule.respond && rule.delayMs === undefined && !rule.reset && !rule.invalidateDelta) {
    throw new FaultInputError('a fault needs respond, delayMs, reset or invalidateDelta');
  }
  if (rule.invalidateDelta && (rule.respond || rule.reset)) {
    throw new FaultInputError('invalidateDelta cannot be combined with respond or reset');
  }
  return rule;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
