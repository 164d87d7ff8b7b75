// Fails when the committed codegen output differs from what schema.graphql (and operations/) give now.
// Generates in memory and compares, so it works on a fresh clone without touching the tree.
import { readFileSync } from 'node:fs';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';

const { config } = await loadCodegenConfig({ configFilePath: 'codegen.ts' });
const outputs = await generate({ ...config, silent: true }, false);
let stale = 0;
for (const { filename, content } of outputs) {
  let committed = null;
  try {
    committed = readFileSync(filename, 'utf8');
  } catch {
    // missing: stale
  }
  if (committed !== content) {
    stale += 1;
    console.error(`stale: ${filename} (run "npm run codegen" and commit the result)`);
  }
}
if (stale > 0) process.exit(1);
console.log(`generated code is current (${outputs.length} file${outputs.length === 1 ? '' : 's'})`);
