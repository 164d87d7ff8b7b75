// The document's example, as the operation a person runs first in Apollo Sandbox (and the README shows).
import { print } from 'graphql';
import { UpdateIpSecurityProfileDocument } from '../__generated__/operations.js';
import type { SandboxExample } from '../server/server.js';

export const EXAMPLE_PROFILE_ID = 'a5c97fce-7fce-a5c9-ce7f-c9a5ce7fc9a5';

// The frontends' own operation (operations/UpdateIpSecurityProfile.graphql, with its fragment), so
// Sandbox opens on exactly what a frontend sends.
export const EXAMPLE_MUTATION = print(UpdateIpSecurityProfileDocument);

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

/** What `npm run dev` hands the gateway for its Sandbox landing page. */
export const SANDBOX_EXAMPLE: SandboxExample = { document: EXAMPLE_MUTATION, variables: EXAMPLE_VARIABLES };
