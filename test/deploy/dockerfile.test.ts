// No container runtime runs here, so the Dockerfile is checked by parsing it (dockerfile-ast) and
// by running its HEALTHCHECK command against a real gateway.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { DockerfileParser, ModifiableInstruction, type Instruction } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { useStack } from '../helpers/stack.js';
import { ROOT_DIR, RUNTIME_NODE, dockerfileStages } from './files.js';

const run = promisify(execFile);
const dockerfile = DockerfileParser.parse(readFileSync(`${ROOT_DIR}/Dockerfile`, 'utf8'));
const stages = dockerfileStages(dockerfile);
const runtime = stages.at(-1)!;
const only = (keyword: string): Instruction => {
  const found = runtime.instructions.filter((i) => i.getKeyword() === keyword);
  expect(found, keyword).toHaveLength(1);
  return found[0]!;
};
const flag = (i: Instruction, name: string): string | undefined => (i instanceof ModifiableInstruction ? i.getFlags().find((f) => f.getName() === name)?.getValue() ?? undefined : undefined);
const execForm = (instruction: Instruction): string[] => JSON.parse(instruction.getArgumentsContent()!.replace(/^CMD\s+/, '')) as string[];

describe('Dockerfile', () => {
  it('is multi-stage on the official slim Node image of the tested LTS line, pinned to a version', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    // .ci/run reads the Node version to test a second time from the stage of this name.
    expect(runtime.from.getBuildStage()).toBe('runtime');
    for (const stage of stages) {
      expect(stage.from.getImageName()).toBe('node');
      expect(stage.from.getImageTag()).toMatch(/^\d+\.\d+\.\d+-[a-z]+-slim$/);
    }
    const { engines } = JSON.parse(readFileSync(`${ROOT_DIR}/package.json`, 'utf8')) as { engines: { node: string } };
    expect(engines.node).toContain(`^${RUNTIME_NODE.split('.')[0]}`);
  });

  it('runs dist/ with production dependencies only, as a non-root user, NODE_ENV=production', () => {
    const copies = runtime.instructions.filter((i) => i.getKeyword() === 'COPY');
    const from = (target: string) => copies.find((c) => c.getArgumentsContent()!.trim().endsWith(target));
    const modules = flag(from('./node_modules')!, 'from');
    const modulesStage = stages.find((s) => s.from.getBuildStage() === modules)!;
    expect(modulesStage.instructions.map((i) => i.getTextContent()).join('\n')).toMatch(/npm ci --omit=dev/);
    expect(flag(from('./dist')!, 'from')).toBe(stages[0]!.from.getBuildStage());
    expect(copies.some((c) => /\bsrc\b/.test(c.getArgumentsContent()!))).toBe(false);

    const user = only('USER').getArgumentsContent()!;
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    expect(only('ENV').getArgumentsContent()).toMatch(/\bNODE_ENV=production\b/);
    expect(execForm(only('CMD'))).toEqual(['node', 'dist/main.js']);
    expect(only('STOPSIGNAL').getArgumentsContent()).toBe('SIGTERM');
    expect(only('EXPOSE').getArgumentsContent()).toBe(/\bPORT=(\d+)/.exec(only('ENV').getArgumentsContent()!)![1]);
  });

  describe('HEALTHCHECK', () => {
    const stack = useStack();
    const command = execForm(only('HEALTHCHECK'));
    const probe = (port: string) => run(command[0]!, command.slice(1), { env: { PORT: port } }).then(() => 0, (err: { code: number }) => err.code);

    it('asks /health with node (slim images have no curl) and passes against a running gateway', async () => {
      expect(command[0]).toBe('node');
      expect(command.join(' ')).toContain('/health');
      expect(await probe(new URL(stack.gateway.url).port)).toBe(0);
    });

    it('fails where nothing listens', async () => {
      expect(await probe('9')).toBe(1);
    });
  });

  it('.dockerignore admits only what the build copies: no node_modules, dist, .git or .env', () => {
    const rules = readFileSync(`${ROOT_DIR}/.dockerignore`, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    expect(rules[0]).toBe('*');
    const admitted = rules.slice(1).map((r) => r.replace(/^!/, '').replace(/\/$/, ''));
    for (const secret of ['node_modules', 'dist', '.git', '.env']) expect(admitted).not.toContain(secret);
    const sources = stages
      .flatMap((s) => s.instructions)
      .filter((i) => i.getKeyword() === 'COPY' && flag(i, 'from') === undefined)
      .flatMap((i) => i.getArguments().slice(0, -1).map((a) => a.getValue().replace(/\/$/, '')));
    for (const source of sources) expect(admitted, source).toContain(source);
  });
});
