import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The Graph client's layers, as configuration: each folder below src/graph may import only the
// folders listed for it, so the retry loop can never reach the client again (the old cycle).
const GRAPH = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/graph');
const MAY_IMPORT: Record<string, readonly string[]> = {
  http: ['http'],
  odata: ['http', 'odata'],
  resilience: ['http', 'resilience'],
  profiles: ['http', 'odata', 'resilience', 'profiles'],
  '.': ['.', 'http', 'odata', 'resilience', 'profiles'],
};
// Packages the client may use: it knows HTTP and JSON, never GraphQL or Apollo.
const PACKAGES = /^(node:|undici$)/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

describe('the Graph client is layered', () => {
  const files = sources(GRAPH);

  it('finds the layers it checks', () => {
    const folders = new Set(files.map((f) => dirname(relative(GRAPH, f))));
    expect([...folders].sort()).toEqual(Object.keys(MAY_IMPORT).sort());
  });

  it.each(files.map((f) => [relative(GRAPH, f), f]))('%s imports only the layers below it', (_name, file) => {
    const folder = dirname(relative(GRAPH, file));
    for (const target of importsOf(file)) {
      if (!target.startsWith('.')) {
        expect(target, `${file} imports ${target}`).toMatch(PACKAGES);
        continue;
      }
      const to = relative(GRAPH, resolve(dirname(file), target));
      expect(to.startsWith('..'), `${file} imports ${target}, outside src/graph`).toBe(false);
      expect(MAY_IMPORT[folder], `${file} imports ${target}`).toContain(dirname(to));
    }
  });
});
