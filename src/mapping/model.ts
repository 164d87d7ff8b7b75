// The shape of Graph's ipSecurityProfile and its complex types, as the document and Graph's metadata
// give them. Both mapping directions walk this one table, so a property added here is written and
// read the same way. The order is the document's: bodies go out in the order its example shows.

/** The GraphQL scalar a value field is served as; what Graph sends is checked against it (values.ts). */
export type ScalarName = 'String' | 'Int' | 'SafeInt' | 'DateTimeOffset';

export type FieldKind =
  | { readonly kind: 'value'; readonly scalar: ScalarName; readonly list?: true } // passed through as is, once checked
  | { readonly kind: 'complex'; readonly type: ComplexTypeName }
  | { readonly kind: 'complexList'; readonly type: ComplexTypeName };

export interface GraphType {
  /** The `@odata.type` annotation the document's example writes on this type. */
  readonly odataType: string;
  readonly fields: Readonly<Record<string, FieldKind>>;
}

const value = { kind: 'value', scalar: 'String' } as const;
const strings = { kind: 'value', scalar: 'String', list: true } as const;
const int32 = { kind: 'value', scalar: 'Int' } as const;
const dateTime = { kind: 'value', scalar: 'DateTimeOffset' } as const;

export type ComplexTypeName = 'ipCategory' | 'ipReferenceData' | 'securityVendorInformation';

export const COMPLEX_TYPES: Readonly<Record<ComplexTypeName, GraphType>> = {
  ipCategory: {
    odataType: 'microsoft.graph.ipCategory',
    fields: { description: value, name: value, vendor: value },
  },
  ipReferenceData: {
    odataType: 'microsoft.graph.ipReferenceData',
    fields: { asn: { kind: 'value', scalar: 'SafeInt' }, city: value, countryOrRegionCode: value, organization: value, state: value, vendor: value },
  },
  securityVendorInformation: {
    odataType: 'microsoft.graph.securityVendorInformation',
    fields: { provider: value, providerVersion: value, subProvider: value, vendor: value },
  },
};

/** The entity. `id` is the key: read from Graph, never written (it goes in the URL). */
export const IP_SECURITY_PROFILE: GraphType = {
  // The entity's annotation carries a leading '#', the nested ones do not: as in the document.
  odataType: '#microsoft.graph.ipSecurityProfile',
  fields: {
    activityGroupNames: strings,
    address: value,
    azureSubscriptionId: value,
    azureTenantId: value,
    countHits: int32,
    countHosts: int32,
    firstSeenDateTime: dateTime,
    ipCategories: { kind: 'complexList', type: 'ipCategory' },
    ipReferenceData: { kind: 'complexList', type: 'ipReferenceData' },
    lastSeenDateTime: dateTime,
    riskScore: value,
    tags: strings,
    vendorInformation: { kind: 'complex', type: 'securityVendorInformation' },
  },
};
