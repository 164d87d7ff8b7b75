import { isDateTimeOffset } from './dateTimeOffset.js';

// Graph's Edm types for ipSecurityProfile, as its metadata declares them. The emulator refuses what
// Graph refuses: wrong types, out-of-range numbers, a null non-nullable, and unknown properties inside
// the complex types. ipSecurityProfile itself is an open type (OpenType="true" in the CSDL): an
// undeclared top-level property is a dynamic property, kept as sent.
type Edm = 'String' | 'Int32' | 'Int64' | 'DateTimeOffset';
type Prop =
  | { readonly edm: Edm; readonly collection?: boolean; readonly nullable?: false }
  | { readonly complex: string; readonly collection?: boolean };

const COMPLEX: Readonly<Record<string, Readonly<Record<string, Prop>>>> = {
  'microsoft.graph.ipCategory': { description: { edm: 'String' }, name: { edm: 'String' }, vendor: { edm: 'String' } },
  'microsoft.graph.ipReferenceData': {
    asn: { edm: 'Int64' },
    city: { edm: 'String' },
    countryOrRegionCode: { edm: 'String' },
    organization: { edm: 'String' },
    state: { edm: 'String' },
    vendor: { edm: 'String' },
  },
  'microsoft.graph.securityVendorInformation': {
    provider: { edm: 'String' },
    providerVersion: { edm: 'String' },
    subProvider: { edm: 'String' },
    vendor: { edm: 'String' },
  },
};

export const PROFILE_TYPE = 'microsoft.graph.ipSecurityProfile';

export const PROFILE_PROPS: Readonly<Record<string, Prop>> = {
  activityGroupNames: { edm: 'String', collection: true },
  address: { edm: 'String' },
  azureSubscriptionId: { edm: 'String' },
  azureTenantId: { edm: 'String', nullable: false },
  countHits: { edm: 'Int32' },
  countHosts: { edm: 'Int32' },
  firstSeenDateTime: { edm: 'DateTimeOffset' },
  ipCategories: { complex: 'microsoft.graph.ipCategory', collection: true },
  ipReferenceData: { complex: 'microsoft.graph.ipReferenceData', collection: true },
  lastSeenDateTime: { edm: 'DateTimeOffset' },
  riskScore: { edm: 'String' },
  tags: { edm: 'String', collection: true },
  vendorInformation: { complex: 'microsoft.graph.securityVendorInformation' },
};

/** Graph's wording for a refused body, or null when the body is acceptable. */
export function patchProblem(body: unknown): string | null {
  if (!isRecord(body)) return 'The request body must be a JSON object.';
  if ('id' in body) return "The property 'id' is a key property and cannot be updated.";
  return objectProblem(body, PROFILE_TYPE, PROFILE_PROPS, true);
}

function objectProblem(obj: Record<string, unknown>, typeName: string, props: Readonly<Record<string, Prop>>, open = false): string | null {
  for (const [name, value] of Object.entries(obj)) {
    if (name === '@odata.type') {
      if (value !== typeName && value !== `#${typeName}`) return `The type '${String(value)}' is not compatible with '${typeName}'.`;
      continue;
    }
    if (name.startsWith('@')) continue;
    const prop = props[name];
    if (!prop && open) continue;
    if (!prop) return `The property '${name}' does not exist on type '${typeName}'. Make sure to only use property names that are defined by the type.`;
    const problem = valueProblem(name, prop, value);
    if (problem) return problem;
  }
  return null;
}

function valueProblem(name: string, prop: Prop, value: unknown): string | null {
  if (value === null) return 'edm' in prop && prop.nullable === false ? `The property '${name}' cannot be null.` : null;
  if (prop.collection) {
    if (!Array.isArray(value)) return `Cannot convert a primitive value to the expected type 'Collection' for property '${name}'.`;
    for (const item of value) {
      const problem = itemProblem(name, prop, item);
      if (problem) return problem;
    }
    return null;
  }
  return itemProblem(name, prop, value);
}

function itemProblem(name: string, prop: Prop, value: unknown): string | null {
  if ('complex' in prop) {
    if (!isRecord(value)) return `A value of complex type '${prop.complex}' was expected for property '${name}'.`;
    return objectProblem(value, prop.complex, COMPLEX[prop.complex]!);
  }
  if (value === null) return null; // collection items are nullable in Graph's metadata
  switch (prop.edm) {
    case 'String':
      return typeof value === 'string' ? null : `Cannot convert the literal '${String(value)}' to the expected type 'Edm.String' for property '${name}'.`;
    case 'Int32':
      return Number.isInteger(value) && (value as number) >= -(2 ** 31) && (value as number) < 2 ** 31
        ? null
        : `Cannot convert the literal '${String(value)}' to the expected type 'Edm.Int32' for property '${name}'.`;
    case 'Int64':
      return Number.isInteger(value) ? null : `Cannot convert the literal '${String(value)}' to the expected type 'Edm.Int64' for property '${name}'.`;
    case 'DateTimeOffset':
      return typeof value === 'string' && isDateTimeOffset(value)
        ? null
        : `Cannot convert the literal '${String(value)}' to the expected type 'Edm.DateTimeOffset' for property '${name}'.`;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
