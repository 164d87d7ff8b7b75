// The import rules of .dependency-cruiser.cjs, run on src/ by `npm test`: a violation fails with its
// rule and the import that breaks it. Also the one rule dependency-cruiser cannot see: who reads the
// environment.
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEPCRUISE = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

// Violations other issue-9 branches remove (the layered Graph client; the emulator's own config,
// DateTimeOffset check and request recorder). Each must still occur: once its branch lands, the
// test fails until the entry is deleted here, so this list only ever shrinks.
const PENDING_ELSEWHERE = new Set<string>([]);

interface Violation {
  readonly rule: { readonly name: string };
  readonly from: string;
  readonly to: string;
  readonly cycle?: readonly { readonly name: string }[];
}

async function violations(): Promise<Violation[]> {
  // depcruise exits non-zero when it finds violations; its JSON report is on stdout either way.
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      [DEPCRUISE, 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
      (err, out, errOut) => (out.trim().startsWith('{') ? resolve(out) : reject(new Error(`depcruise failed: ${errOut || err?.message}`))),
    );
  });
  const report = JSON.parse(stdout) as { summary: { violations: Violation[] } };
  return report.summary.violations;
}

function describeViolation(v: Violation): string {
  return `${v.rule.name}: ${v.from} -> ${v.to}`;
}

describe('the import rules between the layers of src/', () => {
  it('hold: no cycle, no back edge, no forbidden dependency (npm run check:imports for the picture)', async () => {
    const found = await violations();
    const unexpected = found.filter((v) => !PENDING_ELSEWHERE.has(describeViolation(v)));
    const detail = unexpected.map((v) => (v.cycle ? `${describeViolation(v)} (cycle: ${v.cycle.map((c) => c.name).join(' -> ')})` : describeViolation(v)));
    expect(detail).toEqual([]);
    const stillFound = new Set(found.map(describeViolation));
    expect([...PENDING_ELSEWHERE].filter((v) => !stillFound.has(v)), 'fixed now: delete these from PENDING_ELSEWHERE').toEqual([]);
  });

  it('only a config.ts reads process.env: settings are parsed once and passed down', async () => {
    const readers: string[] = [];
    for (const file of await sourceFiles(join(ROOT, 'src'))) {
      if (file.endsWith('/config.ts')) continue;
      if (/\bprocess\.env\b/.test(await readFile(file, 'utf8'))) readers.push(relative(ROOT, file));
    }
    expect(readers).toEqual([]);
  });
});

async function sourceFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true });
  return names.filter((name) => name.endsWith('.ts')).map((name) => join(dir, name));
}
