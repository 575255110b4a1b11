import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { assertSnapshot, type EmulatorSnapshot } from './control/snapshot.ts';
import { buildEmulator } from './server.ts';
import { ensureLocalTls } from './tls/self-signed-cert.ts';

/**
 * `npm run emulator`: one port for identity, Graph, EWS and the control API.
 * EMULATOR_PORT (5080), EMULATOR_HOST (127.0.0.1), EMULATOR_TLS=1 (https with a local CA; EMULATOR_TLS_DIR,
 * default .tmp/emulator-tls), EMULATOR_SNAPSHOT=<file> (load on start, save on stop and on
 * POST /_emulator/snapshot), EMULATOR_LOG=1 (request log).
 */
async function main(): Promise<void> {
  const port = Number(process.env.EMULATOR_PORT ?? 5080);
  const host = process.env.EMULATOR_HOST ?? '127.0.0.1';
  const snapshotPath = process.env.EMULATOR_SNAPSHOT ? resolve(process.env.EMULATOR_SNAPSHOT) : undefined;
  const tls =
    process.env.EMULATOR_TLS === '1'
      ? ensureLocalTls(resolve(process.env.EMULATOR_TLS_DIR ?? '.tmp/emulator-tls'))
      : undefined;

  let snapshot: EmulatorSnapshot | undefined;
  if (snapshotPath && existsSync(snapshotPath)) {
    const data: unknown = JSON.parse(readFileSync(snapshotPath, 'utf8'));
    assertSnapshot(data);
    snapshot = data;
  }
  const writeSnapshot = snapshotPath
    ? async (data: EmulatorSnapshot) => {
        // Write then rename, so a crash mid-write never leaves a truncated snapshot.
        await writeFile(`${snapshotPath}.tmp`, JSON.stringify(data));
        await rename(`${snapshotPath}.tmp`, snapshotPath);
        return snapshotPath;
      }
    : undefined;

  const emulator = await buildEmulator({
    logger: process.env.EMULATOR_LOG === '1',
    https: tls && { key: tls.key, cert: tls.cert },
    snapshot,
    writeSnapshot,
  });
  await emulator.app.listen({ port, host });
  const origin = `${tls ? 'https' : 'http'}://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  console.log(`Microsoft 365 emulator listening on ${origin}`);
  console.log(`  identity: ${origin}/{tenant}/v2.0/.well-known/openid-configuration`);
  console.log(`  graph:    ${origin}/v1.0/  ews: ${origin}/EWS/Exchange.asmx  control: ${origin}/_emulator/`);
  if (tls) console.log(`  NODE_EXTRA_CA_CERTS=${tls.caPath}`);
  if (snapshotPath) console.log(`  snapshot: ${snapshotPath}${snapshot ? ' (loaded)' : ' (new)'}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    if (writeSnapshot) await writeSnapshot(emulator.snapshot());
    await emulator.app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
