import type { EmulatorConfig } from '../contracts.ts';
import type { DirectoryState } from '../directory/directory-state.ts';
import type { SigningKeyData } from '../identity/jwt-signer.ts';

/**
 * The whole emulator state as one JSON document (`EMULATOR_SNAPSHOT`): the directory, the signing key (tokens
 * issued before a restart keep validating), the config knobs and each stateful part's data by name. Faults,
 * counters and browser sessions are transient and not saved.
 */
export interface EmulatorSnapshot {
  format: 'm365-emulator-snapshot';
  version: 1;
  savedAt: string;
  directory: DirectoryState;
  signingKey: SigningKeyData;
  config: EmulatorConfig;
  parts: Record<string, unknown>;
}

/** Checks the envelope of a parsed snapshot file; throws with a readable reason. */
export function assertSnapshot(data: unknown): asserts data is EmulatorSnapshot {
  const s = data as Partial<EmulatorSnapshot> | null;
  if (s?.format !== 'm365-emulator-snapshot') throw new Error('not an emulator snapshot');
  if (s.version !== 1) throw new Error(`unsupported snapshot version ${String(s.version)}`);
  if (!s.directory || !s.signingKey || !s.config) throw new Error('snapshot lacks directory, signingKey or config');
}
