import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

/**
 * DESIGN §2: modules own their tables (`*.store.ts` is imported only from its own module folder);
 * the UI talks only to /api (imports nothing from src/server); the emulator imports nothing from src/;
 * the sync engine sees ports only (no connector internals, HTTP code or database drivers).
 */
const ROOT = resolve(import.meta.dirname, '../..');

function files(dir: string, out: string[] = []): string[] {
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const p = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(p).isDirectory()) files(p, out);
    else if (/\.(ts|tsx)$/.test(name)) out.push(p);
  }
  return out;
}

/** Every module specifier a file imports (static, dynamic and re-exports). */
function imports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  const re =
    /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
  return [...src.matchAll(re)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

function resolved(file: string, spec: string): string | undefined {
  return spec.startsWith('.') ? resolve(dirname(file), spec) : undefined;
}

/** Checks every file under `dir` against `rule`; returns the violations as readable lines. */
function violations(dir: string, rule: (file: string, spec: string, target: string | undefined) => string | undefined) {
  const found: string[] = [];
  for (const file of files(join(ROOT, dir))) {
    for (const spec of imports(file)) {
      const why = rule(file, spec, resolved(file, spec));
      if (why) found.push(`${relative(ROOT, file)} imports ${spec}: ${why}`);
    }
  }
  return found;
}

test('a store is imported only from its own module (modules call services, not stores)', () => {
  const found = violations('src/server', (file, _spec, target) => {
    if (!target?.endsWith('.store.ts')) return undefined;
    return dirname(target) === dirname(file) ? undefined : 'another module’s store';
  });
  assert.deepEqual(found, []);
});

test('the web UI imports nothing from the server', () => {
  const found = violations('src/web', (_file, _spec, target) =>
    target?.startsWith(join(ROOT, 'src/server')) ? 'the UI talks to /api only' : undefined,
  );
  assert.deepEqual(found, []);
});

test('the emulator imports nothing from src/', () => {
  const found = violations('emulator', (_file, _spec, target) =>
    target?.startsWith(join(ROOT, 'src')) ? 'the emulator is standalone' : undefined,
  );
  assert.deepEqual(found, []);
});

test('the sync engine sees ports only: no connector internals, HTTP code or database drivers', () => {
  const banned = ['fastify', 'kysely', 'pg', 'better-sqlite3', 'undici', 'node:http', 'node:https'];
  const found = violations('src/server/sync', (_file, spec, target) => {
    if (banned.includes(spec)) return 'a driver or HTTP library';
    if (target && /src\/server\/connectors\/[^/]+\//.test(target)) return 'a connector’s internals';
    if (target?.includes('/http/')) return 'HTTP code';
    return undefined;
  });
  assert.deepEqual(found, []);
});

test('the layer check itself catches a violation', () => {
  // Guards against a rule that silently matches nothing (e.g. a broken import regex).
  const specs = imports(join(ROOT, 'src/server/crm/contacts/contact.service.ts'));
  assert.ok(specs.includes('./contact.store.ts'), 'the import scanner must see contact.service → contact.store');
  assert.ok(specs.some((s) => s.includes('../groups/group.service.ts')));
});
