// The production path, as a deployment runs it: a build made once, production dependencies only
// (`npm ci --omit=dev` in a scratch folder), `node dist/main.js`. Starts the emulator from this
// checkout, sends one mutation through the pruned gateway, reads it back from the emulator, then
// SIGTERM and expects exit 0. Also refuses a dist/ that imports a devDependency. Run by .ci/run.
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PROFILE_ID = 'a5c97fce-7fce-a5c9-ce7f-c9a5ce7fc9a5';
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

function fail(message) {
  process.stderr.write(`check-production: ${message}\n`);
  process.exit(1);
}

/** Every bare specifier that dist/ imports must be a builtin or a production dependency. */
function checkImports() {
  const files = readdirSync(join(ROOT, 'dist'), { recursive: true }).filter((f) => String(f).endsWith('.js'));
  if (files.length === 0) fail('dist/ is empty: run npm run build first');
  const builtins = new Set(builtinModules);
  const specifier = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;
  const wrong = new Set();
  for (const file of files) {
    for (const [, spec] of readFileSync(join(ROOT, 'dist', String(file)), 'utf8').matchAll(specifier)) {
      if (spec.startsWith('.') || spec.startsWith('node:') || builtins.has(spec)) continue;
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (!(name in pkg.dependencies)) wrong.add(`${file} imports ${name}`);
    }
  }
  if (wrong.size > 0) fail(`dist/ imports packages that are not production dependencies:\n  ${[...wrong].join('\n  ')}`);
}

function start(command, args, cwd, env, ready) {
  const child = spawn(command, args, { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const line = new Promise((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk) => {
      seen += chunk.toString('utf8');
      const match = seen.split('\n').find(ready);
      if (match) resolve(match);
    });
    void exited.then((code) => reject(new Error(`${args.join(' ')} exited (${code}) before it was ready; stdout: ${seen}`)));
    setTimeout(() => reject(new Error(`${args.join(' ')} not ready within 30 s; stdout: ${seen}`)), 30_000).unref();
  });
  return { child, exited, line };
}

checkImports();
const scratch = mkdtempSync(join(tmpdir(), 'gateway-production-'));
const stops = [];
try {
  for (const entry of ['package.json', 'package-lock.json', 'schema.graphql', 'dist']) cpSync(join(ROOT, entry), join(scratch, entry), { recursive: true });
  execFileSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: scratch, stdio: 'inherit' });

  const emulator = start(process.execPath, ['--import', 'tsx', 'src/emulator/main.ts'], ROOT, { EMULATOR_PORT: '0' }, (l) => l.startsWith('Graph emulator at '));
  stops.push(emulator.child);
  const graphBaseUrl = (await emulator.line).slice('Graph emulator at '.length).trim();

  const gateway = start(process.execPath, ['dist/main.js'], scratch, { PORT: '0', HOST: '127.0.0.1', GRAPH_BASE_URL: graphBaseUrl, NODE_ENV: 'production' }, (l) => l.includes('gateway listening'));
  stops.push(gateway.child);
  const { url } = JSON.parse(await gateway.line);

  const tag = `production-${process.pid}`;
  const answer = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer production-check' },
    body: JSON.stringify({ query: 'mutation($id: ID!, $tags: [String!]) { updateIpSecurityProfile(id: $id, input: { tags: $tags }) { id tags } }', variables: { id: PROFILE_ID, tags: [tag] } }),
  }).then((r) => r.json());
  if (answer.errors || answer.data?.updateIpSecurityProfile?.tags?.[0] !== tag) fail(`the mutation failed: ${JSON.stringify(answer)}`);
  const stored = await fetch(`${graphBaseUrl}/security/ipSecurityProfiles/${PROFILE_ID}`, { headers: { authorization: 'Bearer production-check' } }).then((r) => r.json());
  if (stored.tags?.[0] !== tag) fail(`Graph (the emulator) did not receive the update: ${JSON.stringify(stored.tags)}`);

  gateway.child.kill('SIGTERM');
  const code = await gateway.exited;
  if (code !== 0) fail(`node dist/main.js exited ${code} on SIGTERM`);
  process.stdout.write(`check-production: dist/ imports production dependencies only; npm ci --omit=dev + node dist/main.js served a mutation and exited 0 on SIGTERM\n`);
} finally {
  for (const child of stops) if (child.exitCode === null) child.kill('SIGTERM');
  rmSync(scratch, { recursive: true, force: true });
}
