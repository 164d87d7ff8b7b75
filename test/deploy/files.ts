// The deploy files' locations and the stages of the Dockerfile, shared by the deploy tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Dockerfile, From, Instruction } from 'dockerfile-ast';
import { DockerfileParser } from 'dockerfile-ast';

export const ROOT_DIR = fileURLToPath(new URL('../../', import.meta.url));

export interface Stage {
  readonly from: From;
  readonly instructions: Instruction[];
}

export function dockerfileStages(dockerfile: Dockerfile): Stage[] {
  const stages: { from: From; instructions: Instruction[] }[] = [];
  const froms = dockerfile.getFROMs();
  for (const instruction of dockerfile.getInstructions()) {
    const from = froms.find((f) => f.getRange().start.line === instruction.getRange().start.line);
    if (from) stages.push({ from, instructions: [] });
    else stages.at(-1)?.instructions.push(instruction);
  }
  return stages;
}

/** The Node version the container runs, and so the one `.ci/run` tests a second time. */
export const RUNTIME_NODE: string = dockerfileStages(DockerfileParser.parse(readFileSync(`${ROOT_DIR}/Dockerfile`, 'utf8'))).at(-1)!.from.getImageTag()!.split('-')[0]!;
