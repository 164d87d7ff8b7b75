// The load every contender gets: the same fixed cycle of operations, four updateIpSecurityProfile
// mutations with realistic inputs (the document's example, partial updates, clearing with null,
// 4-byte AS numbers, fractional-second offsets) and one ipSecurityProfile query. GraphQL contenders
// get GraphQL; direct and proxy get the Graph requests the gateway itself sends for the same operations.
import { EXAMPLE_MUTATION, EXAMPLE_PROFILE_ID, EXAMPLE_VARIABLES } from '../src/dev/examples.js';
import { toGraphPatchBody } from '../src/mapping/toGraph.js';
import type { UpdateIpSecurityProfileInput } from '../src/__generated__/resolvers-types.js';

/** One HTTP request of the cycle, ready to send. */
export interface LoadRequest {
  readonly operation: 'mutation' | 'query';
  readonly method: 'GET' | 'PATCH' | 'POST';
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** `baseline` is another build of the gateway (`--baseline=<main.js>`), for A/B comparisons of a change. */
export type Contender = 'direct' | 'proxy' | 'gateway' | 'restdatasource' | 'baseline';
export const CONTENDERS: readonly Contender[] = ['direct', 'proxy', 'gateway', 'restdatasource'];

export const isGraphQL = (c: Contender): boolean => c === 'gateway' || c === 'restdatasource' || c === 'baseline';

// A JWT-shaped token of a realistic length (Graph's are 1.5-2.5 kB); the emulator accepts any bearer.
export const TOKEN = `eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.${'eyJhdWQiOiJodHRwczovL2dyYXBoLm1pY3Jvc29mdC5jb20ifQ'.repeat(24)}.c2lnbmF0dXJl`;

const PROFILE_FIELDS = `id activityGroupNames address azureSubscriptionId azureTenantId countHits countHosts firstSeenDateTime
    ipCategories { description name vendor }
    ipReferenceData { asn city countryOrRegionCode organization state vendor }
    lastSeenDateTime riskScore tags
    vendorInformation { provider providerVersion subProvider vendor }`;

const QUERY = `query IpSecurityProfile($id: ID!) {
  ipSecurityProfile(id: $id) {
    ${PROFILE_FIELDS}
  }
}
`;

const MUTATION_INPUTS: UpdateIpSecurityProfileInput[] = [
  EXAMPLE_VARIABLES.input,
  { address: '203.0.113.17', countHits: 1742, lastSeenDateTime: '2026-11-28T09:41:12.1234567+00:00', riskScore: '71' },
  {
    ipReferenceData: [
      { asn: 4200000000, city: 'Zürich', countryOrRegionCode: 'CH', organization: 'Example AG', state: 'ZH', vendor: 'Contoso' },
      { asn: 64512, city: 'Frankfurt am Main', countryOrRegionCode: 'DE', organization: 'Example GmbH', state: 'HE' },
    ],
    ipCategories: [{ description: 'Command and control', name: 'C2', vendor: 'Contoso' }],
    tags: ['botnet', 'tor-exit', 'watchlist'],
  },
  { riskScore: null, tags: [], activityGroupNames: ['Strontium', 'Phosphorus'], countHosts: 3, vendorInformation: { provider: 'Contoso', subProvider: null } },
];

/** The cycle for one contender; every connection walks it in order. `mutationsOnly` drops the query. */
export function workloadFor(contender: Contender, basePath: string, mutationsOnly = false): LoadRequest[] {
  const cycle = cycleFor(contender, basePath);
  return mutationsOnly ? cycle.filter((r) => r.operation === 'mutation') : cycle;
}

function cycleFor(contender: Contender, basePath: string): LoadRequest[] {
  const id = EXAMPLE_PROFILE_ID;
  if (contender === 'direct' || contender === 'proxy') {
    const path = `${basePath}/security/ipSecurityProfiles/${encodeURIComponent(id)}`;
    const auth = { authorization: `Bearer ${TOKEN}`, accept: 'application/json' };
    return [
      ...MUTATION_INPUTS.map((input): LoadRequest => ({
        operation: 'mutation',
        method: 'PATCH',
        path,
        headers: { ...auth, 'content-type': 'application/json', prefer: 'return=representation' },
        body: JSON.stringify(toGraphPatchBody(input)),
      })),
      { operation: 'query', method: 'GET', path, headers: auth },
    ];
  }
  const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
  return [
    ...MUTATION_INPUTS.map((input): LoadRequest => ({
      operation: 'mutation',
      method: 'POST',
      path: basePath,
      headers,
      body: JSON.stringify({ query: EXAMPLE_MUTATION, variables: { id, input } }),
    })),
    { operation: 'query', method: 'POST', path: basePath, headers, body: JSON.stringify({ query: QUERY, variables: { id } }) },
  ];
}
