import { defaultEmulatorConfig, type EmulatorConfig } from '../contracts.ts';
import { ControlInputError } from './control-errors.ts';

/** A fresh config: the defaults, overridden by build options. */
export function initialConfig(overrides: Partial<EmulatorConfig> = {}): EmulatorConfig {
  return {
    ...defaultEmulatorConfig,
    ...overrides,
    throttle: { ...defaultEmulatorConfig.throttle, ...overrides.throttle },
  };
}

const NUMBER_KNOBS = [
  'replicationDelayMs',
  'deltaReplayProbability',
  'maxSubscriptionMinutes',
  'accessTokenLifetimeSec',
  'refreshTokenLifetimeSec',
  'faultSeed',
] as const;

/**
 * Applies a `POST /_emulator/config` patch in place (the Graph part holds a getter, not a copy). Unknown keys and
 * out-of-range values are refused before anything changes.
 */
export function applyConfigPatch(config: EmulatorConfig, patch: unknown): EmulatorConfig {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw new ControlInputError('config must be a JSON object');
  }
  const p = patch as Record<string, unknown>;
  const next = { ...config, throttle: { ...config.throttle } };
  for (const key of Object.keys(p)) {
    if (key === 'throttle') continue;
    if (!(NUMBER_KNOBS as readonly string[]).includes(key)) throw new ControlInputError(`unknown config key '${key}'`);
    const value = p[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new ControlInputError(`${key} must be a non-negative number`);
    }
    (next as Record<string, unknown>)[key] = value;
  }
  if (next.deltaReplayProbability > 1) throw new ControlInputError('deltaReplayProbability must be within 0..1');
  if (next.accessTokenLifetimeSec < 1 || next.refreshTokenLifetimeSec < 1) {
    throw new ControlInputError('token lifetimes must be at least 1 second');
  }
  if (p.throttle !== undefined) {
    const t = p.throttle as Record<string, unknown>;
    if (typeof t !== 'object' || t === null) throw new ControlInputError('throttle must be an object');
    for (const key of Object.keys(t)) {
      if (key !== 'concurrency' && key !== 'requestsPer10Min')
        throw new ControlInputError(`unknown throttle key '${key}'`);
      const value = t[key];
      if (!Number.isInteger(value) || (value as number) < 1)
        throw new ControlInputError(`throttle.${key} must be a positive integer`);
      next.throttle[key] = value as number;
    }
  }
  Object.assign(config, next);
  return config;
}
