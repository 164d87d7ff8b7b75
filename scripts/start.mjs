// `npm start` for a checkout: builds only when dist/ is missing or older than its sources, then
// runs the build in this same process (so SIGTERM reaches the gateway, not a wrapper).
// Deployments run `node dist/main.js` (npm run start:prod) on a build made once.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = join(ROOT, 'dist', 'main.js');
// What tsconfig.build.json compiles from; the dev entry and the emulator are not in the build.
const SKIP = new Set([join(ROOT, 'src', 'dev'), join(ROOT, 'src', 'emulator')]);

function newest(path) {
  if (SKIP.has(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function builtAt() {
  try {
    return statSync(ENTRY).mtimeMs;
  } catch {
    return -1;
  }
}

const sources = Math.max(newest(join(ROOT, 'src')), ...['tsconfig.json', 'tsconfig.build.json', 'package.json'].map((f) => newest(join(ROOT, f))));
if (builtAt() < sources) {
  // tsc (not incremental) rewrites every output, so dist/main.js is newer than the sources after this.
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
}
await import(new URL('../dist/main.js', import.meta.url).href);
