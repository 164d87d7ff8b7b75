import { patchProblem } from './validation.js';

type Entity = Record<string, unknown>;

// Profiles a person or a script adds over HTTP (`POST /_emulator/profiles`) to page, batch and
// fault-test against: given whole, or generated.

export const MAX_GENERATED = 10_000;

/** The profiles a control request asks for, or why it cannot be played. */
export function requestedProfiles(value: unknown): Entity[] | string {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'generate' in value) {
    const { generate, prefix = 'generated' } = value as { generate: unknown; prefix?: unknown };
    if (!Number.isInteger(generate) || (generate as number) < 1 || (generate as number) > MAX_GENERATED) return `generate must be a whole number from 1 to ${MAX_GENERATED}`;
    if (typeof prefix !== 'string' || !/^[\w.-]{1,64}$/.test(prefix)) return 'prefix must be 1 to 64 letters, digits, ".", "-" or "_"';
    return Array.from({ length: generate as number }, (_, i) => generated(prefix, i + 1));
  }
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || list.length > MAX_GENERATED) return `send 1 to ${MAX_GENERATED} profiles`;
  for (const [i, p] of list.entries()) {
    if (typeof p !== 'object' || p === null || Array.isArray(p)) return `profile ${i} is not a JSON object`;
    const { id, ...rest } = p as Entity;
    if (typeof id !== 'string' || id === '' || id.includes('/')) return `profile ${i} needs a string "id" without "/"`;
    const problem = patchProblem(rest);
    if (problem) return `profile '${id}': ${problem}`;
  }
  return (list as Entity[]).map((p) => ({ '@odata.type': '#microsoft.graph.ipSecurityProfile', ...p }));
}

// Varied enough to filter, order and page on: four risk scores, addresses that sort by number.
function generated(prefix: string, n: number): Entity {
  return {
    '@odata.type': '#microsoft.graph.ipSecurityProfile',
    id: `${prefix}-${String(n).padStart(5, '0')}`,
    address: `10.${Math.floor(n / 65536) % 256}.${Math.floor(n / 256) % 256}.${n % 256}`,
    azureTenantId: 'emulator-tenant',
    countHits: n,
    countHosts: 1 + (n % 7),
    riskScore: String(n % 4),
    tags: [`batch-${Math.ceil(n / 20)}`],
  };
}
