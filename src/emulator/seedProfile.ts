// The document's example profile: what the emulator holds under its id when it starts.
export const SEED_PROFILE = {
  '@odata.type': '#microsoft.graph.ipSecurityProfile',
  id: 'a5c97fce-7fce-a5c9-ce7f-c9a5ce7fc9a5',
  activityGroupNames: ['Activity Group Names value'],
  address: 'Address value',
  azureSubscriptionId: 'Azure Subscription Id value',
  azureTenantId: 'Azure Tenant Id value',
  countHits: 9,
  countHosts: 10,
  firstSeenDateTime: '2016-12-31T23:57:27.0365895+03:00',
  ipCategories: [
    {
      '@odata.type': 'microsoft.graph.ipCategory',
      description: 'Description value',
      name: 'Name value',
      vendor: 'Vendor value',
    },
  ],
  ipReferenceData: [
    {
      '@odata.type': 'microsoft.graph.ipReferenceData',
      asn: 3,
      city: 'City value',
      countryOrRegionCode: 'Country Or Region Code value',
      organization: 'Organization value',
      state: 'State value',
    },
  ],
  lastSeenDateTime: '2016-12-31T23:58:05.5931807+03:00',
  riskScore: 'Risk Score value',
  tags: ['Tags value'],
  vendorInformation: {
    '@odata.type': 'microsoft.graph.securityVendorInformation',
    provider: 'Provider value',
    providerVersion: 'Provider Version value',
    subProvider: 'Sub Provider value',
  },
} as const;
