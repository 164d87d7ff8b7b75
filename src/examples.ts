// The document's example, as the operation a person runs first in Apollo Sandbox (and the README shows).

export const EXAMPLE_PROFILE_ID = 'a5c97fce-7fce-a5c9-ce7f-c9a5ce7fc9a5';

export const EXAMPLE_MUTATION = `mutation UpdateIpSecurityProfile($id: ID!, $input: UpdateIpSecurityProfileInput!) {
  updateIpSecurityProfile(id: $id, input: $input) {
    id
    activityGroupNames
    address
    azureSubscriptionId
    azureTenantId
    countHits
    countHosts
    firstSeenDateTime
    ipCategories { description name vendor }
    ipReferenceData { asn city countryOrRegionCode organization state vendor }
    lastSeenDateTime
    riskScore
    tags
    vendorInformation { provider providerVersion subProvider vendor }
  }
}
`;

export const EXAMPLE_VARIABLES = {
  id: EXAMPLE_PROFILE_ID,
  input: {
    activityGroupNames: ['Activity Group Names value'],
    address: 'Address value',
    azureSubscriptionId: 'Azure Subscription Id value',
    azureTenantId: 'Azure Tenant Id value',
    countHits: 9,
    countHosts: 10,
    firstSeenDateTime: '2016-12-31T23:57:27.0365895+03:00',
    ipCategories: [{ description: 'Description value', name: 'Name value', vendor: 'Vendor value' }],
    ipReferenceData: [
      {
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
      provider: 'Provider value',
      providerVersion: 'Provider Version value',
      subProvider: 'Sub Provider value',
    },
  },
};
