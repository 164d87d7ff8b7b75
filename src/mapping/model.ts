// The shape of Graph's ipSecurityProfile and its complex types, as the document and Graph's metadata
// give them. Both mapping directions walk this one table, so a property added here is written and
// read the same way. The order is the document's: bodies go out in the order its example shows.

export type FieldKind =
  | { readonly kind: 'value' } // a scalar or a collection of scalars: passed through as is
  | { readonly kind: 'complex'; readonly type: ComplexTypeName }
  | { readonly kind: 'complexList'; readonly type: ComplexTypeName };

export interface GraphType {
  /** The `@odata.type` annotation the document's example writes on this type. */
  readonly odataType: string;
  readonly fields: Readonly<Record<string, FieldKind>>;
}

const value = { kind: 'value' } as const;

export type ComplexTypeName = 'ipCategory' | 'ipReferenceData' | 'securityVendorInformation';

export const COMPLEX_TYPES: Readonly<Record<ComplexTypeName, GraphType>> = {
  ipCategory: {
    odataType: 'microsoft.graph.ipCategory',
    fields: { description: value, name: value, vendor: value },
  },
  ipReferenceData: {
    odataType: 'microsoft.graph.ipReferenceData',
    fields: { asn: value, city: value, countryOrRegionCode: value, organization: value, state: value, vendor: value },
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
    activityGroupNames: value,
    address: value,
    azureSubscriptionId: value,
    azureTenantId: value,
    countHits: value,
    countHosts: value,
    firstSeenDateTime: value,
    ipCategories: { kind: 'complexList', type: 'ipCategory' },
    ipReferenceData: { kind: 'complexList', type: 'ipReferenceData' },
    lastSeenDateTime: value,
    riskScore: value,
    tags: value,
    vendorInformation: { kind: 'complex', type: 'securityVendorInformation' },
  },
};
