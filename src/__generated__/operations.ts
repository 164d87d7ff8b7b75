/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Graph `ipCategory` to write. A field left out is not sent; `null` is sent as `null`. */
export type IpCategoryInput = {
  /** Graph `description` (String). */
  description?: string | null | undefined;
  /** Graph `name` (String). */
  name?: string | null | undefined;
  /** Graph `vendor` (String). */
  vendor?: string | null | undefined;
};

/** Graph `ipReferenceData` to write. A field left out is not sent; `null` is sent as `null`. */
export type IpReferenceDataInput = {
  /** Graph `asn` (Int64): any integer up to 2^53 - 1, sent exactly. */
  asn?: number | null | undefined;
  /** Graph `city` (String). */
  city?: string | null | undefined;
  /** Graph `countryOrRegionCode` (String). */
  countryOrRegionCode?: string | null | undefined;
  /** Graph `organization` (String). */
  organization?: string | null | undefined;
  /** Graph `state` (String). */
  state?: string | null | undefined;
  /** Graph `vendor` (String). */
  vendor?: string | null | undefined;
};

/** Graph `securityVendorInformation` to write. A field left out is not sent; `null` is sent as `null`. */
export type SecurityVendorInformationInput = {
  /** Graph `provider` (String). */
  provider?: string | null | undefined;
  /** Graph `providerVersion` (String). */
  providerVersion?: string | null | undefined;
  /** Graph `subProvider` (String). */
  subProvider?: string | null | undefined;
  /** Graph `vendor` (String). */
  vendor?: string | null | undefined;
};

/**
 * The properties to change on an `ipSecurityProfile`. Graph merges the update: a field left out keeps
 * its value, a field set to `null` is cleared, and a list replaces the whole list (an empty list empties it).
 */
export type UpdateIpSecurityProfileInput = {
  /** Graph `activityGroupNames` (Collection(String)): replaces the whole list; `null` clears it. */
  activityGroupNames?: Array<string> | null | undefined;
  /** Graph `address` (String): the IP address; `null` clears it. */
  address?: string | null | undefined;
  /** Graph `azureSubscriptionId` (String); `null` clears it. */
  azureSubscriptionId?: string | null | undefined;
  /** Graph `azureTenantId` (String); `null` clears it (Graph may refuse: it is non-nullable there). */
  azureTenantId?: string | null | undefined;
  /** Graph `countHits` (Int32); `null` clears it. */
  countHits?: number | null | undefined;
  /** Graph `countHosts` (Int32); `null` clears it. */
  countHosts?: number | null | undefined;
  /** Graph `firstSeenDateTime` (DateTimeOffset): sent exactly as written; `null` clears it. */
  firstSeenDateTime?: string | null | undefined;
  /** Graph `ipCategories` (Collection(ipCategory)): replaces the whole list; `null` clears it. */
  ipCategories?: Array<IpCategoryInput> | null | undefined;
  /** Graph `ipReferenceData` (Collection(ipReferenceData)): replaces the whole list; `null` clears it. */
  ipReferenceData?: Array<IpReferenceDataInput> | null | undefined;
  /** Graph `lastSeenDateTime` (DateTimeOffset): sent exactly as written; `null` clears it. */
  lastSeenDateTime?: string | null | undefined;
  /** Graph `riskScore` (String); `null` clears it. */
  riskScore?: string | null | undefined;
  /** Graph `tags` (Collection(String)): replaces the whole list; `null` clears it. */
  tags?: Array<string> | null | undefined;
  /** Graph `vendorInformation` (securityVendorInformation): replaces the value; `null` clears it. */
  vendorInformation?: SecurityVendorInformationInput | null | undefined;
};

export type GetIpSecurityProfileQueryVariables = Exact<{
  id: string | number;
}>;


export type GetIpSecurityProfileQuery = { ipSecurityProfile: { id: string, activityGroupNames: Array<string | null> | null, address: string | null, azureSubscriptionId: string | null, azureTenantId: string | null, countHits: number | null, countHosts: number | null, firstSeenDateTime: string | null, lastSeenDateTime: string | null, riskScore: string | null, tags: Array<string | null> | null, ipCategories: Array<{ description: string | null, name: string | null, vendor: string | null } | null> | null, ipReferenceData: Array<{ asn: number | null, city: string | null, countryOrRegionCode: string | null, organization: string | null, state: string | null, vendor: string | null } | null> | null, vendorInformation: { provider: string | null, providerVersion: string | null, subProvider: string | null, vendor: string | null } | null } | null };

export type IpSecurityProfileFieldsFragment = { id: string, activityGroupNames: Array<string | null> | null, address: string | null, azureSubscriptionId: string | null, azureTenantId: string | null, countHits: number | null, countHosts: number | null, firstSeenDateTime: string | null, lastSeenDateTime: string | null, riskScore: string | null, tags: Array<string | null> | null, ipCategories: Array<{ description: string | null, name: string | null, vendor: string | null } | null> | null, ipReferenceData: Array<{ asn: number | null, city: string | null, countryOrRegionCode: string | null, organization: string | null, state: string | null, vendor: string | null } | null> | null, vendorInformation: { provider: string | null, providerVersion: string | null, subProvider: string | null, vendor: string | null } | null };

export type ListIpSecurityProfilesQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: string | null | undefined;
  orderBy?: string | null | undefined;
}>;


export type ListIpSecurityProfilesQuery = { ipSecurityProfiles: { nodes: Array<{ id: string, activityGroupNames: Array<string | null> | null, address: string | null, azureSubscriptionId: string | null, azureTenantId: string | null, countHits: number | null, countHosts: number | null, firstSeenDateTime: string | null, lastSeenDateTime: string | null, riskScore: string | null, tags: Array<string | null> | null, ipCategories: Array<{ description: string | null, name: string | null, vendor: string | null } | null> | null, ipReferenceData: Array<{ asn: number | null, city: string | null, countryOrRegionCode: string | null, organization: string | null, state: string | null, vendor: string | null } | null> | null, vendorInformation: { provider: string | null, providerVersion: string | null, subProvider: string | null, vendor: string | null } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type UpdateIpSecurityProfileMutationVariables = Exact<{
  id: string | number;
  input: UpdateIpSecurityProfileInput;
}>;


export type UpdateIpSecurityProfileMutation = { updateIpSecurityProfile: { id: string, activityGroupNames: Array<string | null> | null, address: string | null, azureSubscriptionId: string | null, azureTenantId: string | null, countHits: number | null, countHosts: number | null, firstSeenDateTime: string | null, lastSeenDateTime: string | null, riskScore: string | null, tags: Array<string | null> | null, ipCategories: Array<{ description: string | null, name: string | null, vendor: string | null } | null> | null, ipReferenceData: Array<{ asn: number | null, city: string | null, countryOrRegionCode: string | null, organization: string | null, state: string | null, vendor: string | null } | null> | null, vendorInformation: { provider: string | null, providerVersion: string | null, subProvider: string | null, vendor: string | null } | null } | null };

export const IpSecurityProfileFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"IpSecurityProfileFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"IpSecurityProfile"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"activityGroupNames"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"azureSubscriptionId"}},{"kind":"Field","name":{"kind":"Name","value":"azureTenantId"}},{"kind":"Field","name":{"kind":"Name","value":"countHits"}},{"kind":"Field","name":{"kind":"Name","value":"countHosts"}},{"kind":"Field","name":{"kind":"Name","value":"firstSeenDateTime"}},{"kind":"Field","name":{"kind":"Name","value":"ipCategories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ipReferenceData"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asn"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"countryOrRegionCode"}},{"kind":"Field","name":{"kind":"Name","value":"organization"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastSeenDateTime"}},{"kind":"Field","name":{"kind":"Name","value":"riskScore"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"vendorInformation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"providerVersion"}},{"kind":"Field","name":{"kind":"Name","value":"subProvider"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}}]}}]}}]} as unknown as DocumentNode<IpSecurityProfileFieldsFragment, unknown>;
export const GetIpSecurityProfileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GetIpSecurityProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ipSecurityProfile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"IpSecurityProfileFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"IpSecurityProfileFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"IpSecurityProfile"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"activityGroupNames"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"azureSubscriptionId"}},{"kind":"Field","name":{"kind":"Name","value":"azureTenantId"}},{"kind":"Field","name":{"kind":"Name","value":"countHits"}},{"kind":"Field","name":{"kind":"Name","value":"countHosts"}},{"kind":"Field","name":{"kind":"Name","value":"firstSeenDateTime"}},{"kind":"Field","name":{"kind":"Name","value":"ipCategories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ipReferenceData"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asn"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"countryOrRegionCode"}},{"kind":"Field","name":{"kind":"Name","value":"organization"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastSeenDateTime"}},{"kind":"Field","name":{"kind":"Name","value":"riskScore"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"vendorInformation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"providerVersion"}},{"kind":"Field","name":{"kind":"Name","value":"subProvider"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}}]}}]}}]} as unknown as DocumentNode<GetIpSecurityProfileQuery, GetIpSecurityProfileQueryVariables>;
export const ListIpSecurityProfilesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ListIpSecurityProfiles"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ipSecurityProfiles"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"IpSecurityProfileFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"IpSecurityProfileFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"IpSecurityProfile"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"activityGroupNames"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"azureSubscriptionId"}},{"kind":"Field","name":{"kind":"Name","value":"azureTenantId"}},{"kind":"Field","name":{"kind":"Name","value":"countHits"}},{"kind":"Field","name":{"kind":"Name","value":"countHosts"}},{"kind":"Field","name":{"kind":"Name","value":"firstSeenDateTime"}},{"kind":"Field","name":{"kind":"Name","value":"ipCategories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ipReferenceData"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asn"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"countryOrRegionCode"}},{"kind":"Field","name":{"kind":"Name","value":"organization"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastSeenDateTime"}},{"kind":"Field","name":{"kind":"Name","value":"riskScore"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"vendorInformation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"providerVersion"}},{"kind":"Field","name":{"kind":"Name","value":"subProvider"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}}]}}]}}]} as unknown as DocumentNode<ListIpSecurityProfilesQuery, ListIpSecurityProfilesQueryVariables>;
export const UpdateIpSecurityProfileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateIpSecurityProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateIpSecurityProfileInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateIpSecurityProfile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"IpSecurityProfileFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"IpSecurityProfileFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"IpSecurityProfile"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"activityGroupNames"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"azureSubscriptionId"}},{"kind":"Field","name":{"kind":"Name","value":"azureTenantId"}},{"kind":"Field","name":{"kind":"Name","value":"countHits"}},{"kind":"Field","name":{"kind":"Name","value":"countHosts"}},{"kind":"Field","name":{"kind":"Name","value":"firstSeenDateTime"}},{"kind":"Field","name":{"kind":"Name","value":"ipCategories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ipReferenceData"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asn"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"countryOrRegionCode"}},{"kind":"Field","name":{"kind":"Name","value":"organization"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastSeenDateTime"}},{"kind":"Field","name":{"kind":"Name","value":"riskScore"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"vendorInformation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"providerVersion"}},{"kind":"Field","name":{"kind":"Name","value":"subProvider"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}}]}}]}}]} as unknown as DocumentNode<UpdateIpSecurityProfileMutation, UpdateIpSecurityProfileMutationVariables>;