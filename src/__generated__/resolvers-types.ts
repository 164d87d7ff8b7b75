import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Context } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /**
   * Microsoft Graph `Edm.DateTimeOffset`: an RFC 3339 date-time with a real calendar date, at most 12
   * fractional digits (Graph's OpenAPI pattern) and an offset (`Z`, `+03:00`, `-08:00`). Passed through byte for byte in both
   * directions: `2016-12-31T23:57:27.0365895+03:00` reaches Graph, and comes back, exactly as written.
   */
  DateTimeOffset: { input: string; output: string; }
  /**
   * An integer that a JSON number carries exactly (|n| <= 2^53 - 1). Used for Graph's `Edm.Int64`
   * properties, such as `asn`, which exceed GraphQL's 32-bit `Int`.
   */
  SafeInt: { input: number; output: number; }
  _FieldSet: { input: string; output: string; }
};

/** Graph `ipCategory`: one category a provider assigns to an address. */
export type IpCategory = {
  __typename?: 'IpCategory';
  /** Graph `description` (String). Declared in Graph's metadata; Microsoft's documentation does not describe it. */
  description?: Maybe<Scalars['String']['output']>;
  /** Graph `name` (String): the category's name. */
  name?: Maybe<Scalars['String']['output']>;
  /** Graph `vendor` (String). Declared in Graph's metadata; Microsoft's documentation does not describe it. */
  vendor?: Maybe<Scalars['String']['output']>;
};

/** Graph `ipCategory` to write. A field left out is not sent; `null` is sent as `null`. */
export type IpCategoryInput = {
  /** Graph `description` (String). */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Graph `name` (String). */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Graph `vendor` (String). */
  vendor?: InputMaybe<Scalars['String']['input']>;
};

/** Graph `ipReferenceData`: registration and location data for an address. */
export type IpReferenceData = {
  __typename?: 'IpReferenceData';
  /** Graph `asn` (Int64): the autonomous system number. 4-byte AS numbers reach 4294967295, past GraphQL `Int`. */
  asn?: Maybe<Scalars['SafeInt']['output']>;
  /** Graph `city` (String): the city the address is located in. */
  city?: Maybe<Scalars['String']['output']>;
  /** Graph `countryOrRegionCode` (String): the country or region code of the address. */
  countryOrRegionCode?: Maybe<Scalars['String']['output']>;
  /** Graph `organization` (String). Declared in Graph's metadata; Microsoft's documentation does not describe it. */
  organization?: Maybe<Scalars['String']['output']>;
  /** Graph `state` (String): the state or province the address is located in. */
  state?: Maybe<Scalars['String']['output']>;
  /** Graph `vendor` (String). Declared in Graph's metadata; Microsoft's documentation does not describe it. */
  vendor?: Maybe<Scalars['String']['output']>;
};

/** Graph `ipReferenceData` to write. A field left out is not sent; `null` is sent as `null`. */
export type IpReferenceDataInput = {
  /** Graph `asn` (Int64): any integer up to 2^53 - 1, sent exactly. */
  asn?: InputMaybe<Scalars['SafeInt']['input']>;
  /** Graph `city` (String). */
  city?: InputMaybe<Scalars['String']['input']>;
  /** Graph `countryOrRegionCode` (String). */
  countryOrRegionCode?: InputMaybe<Scalars['String']['input']>;
  /** Graph `organization` (String). */
  organization?: InputMaybe<Scalars['String']['input']>;
  /** Graph `state` (String). */
  state?: InputMaybe<Scalars['String']['input']>;
  /** Graph `vendor` (String). */
  vendor?: InputMaybe<Scalars['String']['input']>;
};

/**
 * Microsoft Graph `ipSecurityProfile` (legacy Security API, beta): what the security providers of a
 * tenant know about one IP address. Read from and written to `/security/ipSecurityProfiles/{id}`.
 */
export type IpSecurityProfile = {
  __typename?: 'IpSecurityProfile';
  /** Graph `activityGroupNames` (Collection(String)). Declared in Graph's metadata; Microsoft's documentation does not describe it. */
  activityGroupNames?: Maybe<Array<Maybe<Scalars['String']['output']>>>;
  /** Graph `address` (String): the IP address the profile describes. */
  address?: Maybe<Scalars['String']['output']>;
  /** Graph `azureSubscriptionId` (String): the Azure subscription the profile belongs to. */
  azureSubscriptionId?: Maybe<Scalars['String']['output']>;
  /** Graph `azureTenantId` (String): the Azure Active Directory tenant the profile belongs to. */
  azureTenantId?: Maybe<Scalars['String']['output']>;
  /** Graph `countHits` (Int32). Declared in Graph's metadata; Microsoft's documentation does not describe it. */
  countHits?: Maybe<Scalars['Int']['output']>;
  /** Graph `countHosts` (Int32). Declared in Graph's metadata; Microsoft's documentation does not describe it. */
  countHosts?: Maybe<Scalars['Int']['output']>;
  /** Graph `firstSeenDateTime` (DateTimeOffset): when the address was first seen, exactly as Graph wrote it. */
  firstSeenDateTime?: Maybe<Scalars['DateTimeOffset']['output']>;
  /** Graph `id` (String, key, read-only): the profile's identifier. Goes in the URL path, never in an update body. */
  id: Scalars['ID']['output'];
  /** Graph `ipCategories` (Collection(ipCategory)): the categories providers put the address in. */
  ipCategories?: Maybe<Array<Maybe<IpCategory>>>;
  /** Graph `ipReferenceData` (Collection(ipReferenceData)): registration and location data for the address. */
  ipReferenceData?: Maybe<Array<Maybe<IpReferenceData>>>;
  /** Graph `lastSeenDateTime` (DateTimeOffset): when the address was last seen, exactly as Graph wrote it. */
  lastSeenDateTime?: Maybe<Scalars['DateTimeOffset']['output']>;
  /** Graph `riskScore` (String): the provider's risk score. A string in Graph, not a number. */
  riskScore?: Maybe<Scalars['String']['output']>;
  /** Graph `tags` (Collection(String)): user-defined labels on the profile. */
  tags?: Maybe<Array<Maybe<Scalars['String']['output']>>>;
  /** Graph `vendorInformation` (securityVendorInformation): the product and provider that produced the profile. */
  vendorInformation?: Maybe<SecurityVendorInformation>;
};

/** One page of profiles. */
export type IpSecurityProfileConnection = {
  __typename?: 'IpSecurityProfileConnection';
  /** The profiles of this page, in Graph's order. */
  nodes: Array<IpSecurityProfile>;
  /** Whether more pages follow, and the cursor to ask for the next. */
  pageInfo: PageInfo;
};

/** Writes, forwarded to Microsoft Graph with the caller's bearer token. */
export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Update a profile: `PATCH /security/ipSecurityProfiles/{id}` with only the fields given in `input`.
   * Returns the profile as Graph holds it after the update.
   * Upstream status: Microsoft marks this Graph operation deprecated, with removal dated 2026-04-10 in
   * its beta OpenAPI; where a tenant no longer has it, the answer is Graph's error, coded (docs/real-graph.md).
   */
  updateIpSecurityProfile?: Maybe<IpSecurityProfile>;
};


/** Writes, forwarded to Microsoft Graph with the caller's bearer token. */
export type MutationUpdateIpSecurityProfileArgs = {
  id: Scalars['ID']['input'];
  input: UpdateIpSecurityProfileInput;
};

/** Where a page sits in the whole list. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Pass as `after` to read the next page; null on the last page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** True when Graph has another page. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** Reads, answered by `GET /security/ipSecurityProfiles` on Microsoft Graph with the caller's token. */
export type Query = {
  __typename?: 'Query';
  /**
   * One profile by id (`GET /security/ipSecurityProfiles/{id}`), or `null` when Graph has no such profile.
   * Upstream status: Microsoft marks this Graph operation deprecated, with removal dated 2026-04-10 in
   * its beta OpenAPI; where a tenant no longer has it, the answer is Graph's error, coded (docs/real-graph.md).
   */
  ipSecurityProfile?: Maybe<IpSecurityProfile>;
  /**
   * A page of profiles (`GET /security/ipSecurityProfiles` with `$top`, `$filter`, `$orderby`, `$select`).
   * Pass `pageInfo.endCursor` as `after` for the next page; the cursor carries the filter and order.
   * Upstream status: Microsoft marks this Graph operation deprecated, with removal dated 2026-04-10 in
   * its beta OpenAPI; where a tenant no longer has it, the answer is Graph's error, coded (docs/real-graph.md).
   */
  ipSecurityProfiles: IpSecurityProfileConnection;
};


/** Reads, answered by `GET /security/ipSecurityProfiles` on Microsoft Graph with the caller's token. */
export type QueryIpSecurityProfileArgs = {
  id: Scalars['ID']['input'];
};


/** Reads, answered by `GET /security/ipSecurityProfiles` on Microsoft Graph with the caller's token. */
export type QueryIpSecurityProfilesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Scalars['String']['input']>;
};

/** Graph `securityVendorInformation`: the product and provider behind a security entity. */
export type SecurityVendorInformation = {
  __typename?: 'SecurityVendorInformation';
  /** Graph `provider` (String): the specific provider (product or service) that produced the entity. */
  provider?: Maybe<Scalars['String']['output']>;
  /** Graph `providerVersion` (String): the provider's version. */
  providerVersion?: Maybe<Scalars['String']['output']>;
  /** Graph `subProvider` (String): the sub-provider within the provider, if any. */
  subProvider?: Maybe<Scalars['String']['output']>;
  /** Graph `vendor` (String): the vendor of the provider (for example Microsoft). */
  vendor?: Maybe<Scalars['String']['output']>;
};

/** Graph `securityVendorInformation` to write. A field left out is not sent; `null` is sent as `null`. */
export type SecurityVendorInformationInput = {
  /** Graph `provider` (String). */
  provider?: InputMaybe<Scalars['String']['input']>;
  /** Graph `providerVersion` (String). */
  providerVersion?: InputMaybe<Scalars['String']['input']>;
  /** Graph `subProvider` (String). */
  subProvider?: InputMaybe<Scalars['String']['input']>;
  /** Graph `vendor` (String). */
  vendor?: InputMaybe<Scalars['String']['input']>;
};

/**
 * The properties to change on an `ipSecurityProfile`. Graph merges the update: a field left out keeps
 * its value, a field set to `null` is cleared, and a list replaces the whole list (an empty list empties it).
 */
export type UpdateIpSecurityProfileInput = {
  /** Graph `activityGroupNames` (Collection(String)): replaces the whole list; `null` clears it. */
  activityGroupNames?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Graph `address` (String): the IP address; `null` clears it. */
  address?: InputMaybe<Scalars['String']['input']>;
  /** Graph `azureSubscriptionId` (String); `null` clears it. */
  azureSubscriptionId?: InputMaybe<Scalars['String']['input']>;
  /** Graph `azureTenantId` (String); `null` clears it (Graph may refuse: it is non-nullable there). */
  azureTenantId?: InputMaybe<Scalars['String']['input']>;
  /** Graph `countHits` (Int32); `null` clears it. */
  countHits?: InputMaybe<Scalars['Int']['input']>;
  /** Graph `countHosts` (Int32); `null` clears it. */
  countHosts?: InputMaybe<Scalars['Int']['input']>;
  /** Graph `firstSeenDateTime` (DateTimeOffset): sent exactly as written; `null` clears it. */
  firstSeenDateTime?: InputMaybe<Scalars['DateTimeOffset']['input']>;
  /** Graph `ipCategories` (Collection(ipCategory)): replaces the whole list; `null` clears it. */
  ipCategories?: InputMaybe<Array<IpCategoryInput>>;
  /** Graph `ipReferenceData` (Collection(ipReferenceData)): replaces the whole list; `null` clears it. */
  ipReferenceData?: InputMaybe<Array<IpReferenceDataInput>>;
  /** Graph `lastSeenDateTime` (DateTimeOffset): sent exactly as written; `null` clears it. */
  lastSeenDateTime?: InputMaybe<Scalars['DateTimeOffset']['input']>;
  /** Graph `riskScore` (String); `null` clears it. */
  riskScore?: InputMaybe<Scalars['String']['input']>;
  /** Graph `tags` (Collection(String)): replaces the whole list; `null` clears it. */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Graph `vendorInformation` (securityVendorInformation): replaces the value; `null` clears it. */
  vendorInformation?: InputMaybe<SecurityVendorInformationInput>;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  IpSecurityProfile: IpSecurityProfile;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  IpSecurityProfile:
    ( { __typename: 'IpSecurityProfile' }
    & GraphQLRecursivePick<FederationTypes['IpSecurityProfile'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  DateTimeOffset: ResolverTypeWrapper<Scalars['DateTimeOffset']['output']>;
  IpCategory: ResolverTypeWrapper<IpCategory>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  IpCategoryInput: IpCategoryInput;
  IpReferenceData: ResolverTypeWrapper<IpReferenceData>;
  IpReferenceDataInput: IpReferenceDataInput;
  IpSecurityProfile: ResolverTypeWrapper<IpSecurityProfile>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  IpSecurityProfileConnection: ResolverTypeWrapper<IpSecurityProfileConnection>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SafeInt: ResolverTypeWrapper<Scalars['SafeInt']['output']>;
  SecurityVendorInformation: ResolverTypeWrapper<SecurityVendorInformation>;
  SecurityVendorInformationInput: SecurityVendorInformationInput;
  UpdateIpSecurityProfileInput: UpdateIpSecurityProfileInput;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  DateTimeOffset: Scalars['DateTimeOffset']['output'];
  IpCategory: IpCategory;
  String: Scalars['String']['output'];
  IpCategoryInput: IpCategoryInput;
  IpReferenceData: IpReferenceData;
  IpReferenceDataInput: IpReferenceDataInput;
  IpSecurityProfile: IpSecurityProfile | FederationReferenceTypes['IpSecurityProfile'];
  Int: Scalars['Int']['output'];
  ID: Scalars['ID']['output'];
  IpSecurityProfileConnection: IpSecurityProfileConnection;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Query: Record<PropertyKey, never>;
  SafeInt: Scalars['SafeInt']['output'];
  SecurityVendorInformation: SecurityVendorInformation;
  SecurityVendorInformationInput: SecurityVendorInformationInput;
  UpdateIpSecurityProfileInput: UpdateIpSecurityProfileInput;
};

export interface DateTimeOffsetScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTimeOffset'], any> {
  name: 'DateTimeOffset';
}

export type IpCategoryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['IpCategory'] = ResolversParentTypes['IpCategory']> = {
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  vendor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type IpReferenceDataResolvers<ContextType = Context, ParentType extends ResolversParentTypes['IpReferenceData'] = ResolversParentTypes['IpReferenceData']> = {
  asn?: Resolver<Maybe<ResolversTypes['SafeInt']>, ParentType, ContextType>;
  city?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  countryOrRegionCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  organization?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  state?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  vendor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type IpSecurityProfileResolvers<ContextType = Context, ParentType extends ResolversParentTypes['IpSecurityProfile'] = ResolversParentTypes['IpSecurityProfile'], FederationReferenceType extends FederationReferenceTypes['IpSecurityProfile'] = FederationReferenceTypes['IpSecurityProfile']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['IpSecurityProfile']> | FederationReferenceType, FederationReferenceType, ContextType>;
  activityGroupNames?: Resolver<Maybe<Array<Maybe<ResolversTypes['String']>>>, ParentType, ContextType>;
  address?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  azureSubscriptionId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  azureTenantId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  countHits?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  countHosts?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  firstSeenDateTime?: Resolver<Maybe<ResolversTypes['DateTimeOffset']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  ipCategories?: Resolver<Maybe<Array<Maybe<ResolversTypes['IpCategory']>>>, ParentType, ContextType>;
  ipReferenceData?: Resolver<Maybe<Array<Maybe<ResolversTypes['IpReferenceData']>>>, ParentType, ContextType>;
  lastSeenDateTime?: Resolver<Maybe<ResolversTypes['DateTimeOffset']>, ParentType, ContextType>;
  riskScore?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  tags?: Resolver<Maybe<Array<Maybe<ResolversTypes['String']>>>, ParentType, ContextType>;
  vendorInformation?: Resolver<Maybe<ResolversTypes['SecurityVendorInformation']>, ParentType, ContextType>;
};

export type IpSecurityProfileConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['IpSecurityProfileConnection'] = ResolversParentTypes['IpSecurityProfileConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['IpSecurityProfile']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  updateIpSecurityProfile?: Resolver<Maybe<ResolversTypes['IpSecurityProfile']>, ParentType, ContextType, RequireFields<MutationUpdateIpSecurityProfileArgs, 'id' | 'input'>>;
};

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  ipSecurityProfile?: Resolver<Maybe<ResolversTypes['IpSecurityProfile']>, ParentType, ContextType, RequireFields<QueryIpSecurityProfileArgs, 'id'>>;
  ipSecurityProfiles?: Resolver<ResolversTypes['IpSecurityProfileConnection'], ParentType, ContextType, RequireFields<QueryIpSecurityProfilesArgs, 'first'>>;
};

export interface SafeIntScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['SafeInt'], any> {
  name: 'SafeInt';
}

export type SecurityVendorInformationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SecurityVendorInformation'] = ResolversParentTypes['SecurityVendorInformation']> = {
  provider?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  providerVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  subProvider?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  vendor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type Resolvers<ContextType = Context> = {
  DateTimeOffset?: GraphQLScalarType;
  IpCategory?: IpCategoryResolvers<ContextType>;
  IpReferenceData?: IpReferenceDataResolvers<ContextType>;
  IpSecurityProfile?: IpSecurityProfileResolvers<ContextType>;
  IpSecurityProfileConnection?: IpSecurityProfileConnectionResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  SafeInt?: GraphQLScalarType;
  SecurityVendorInformation?: SecurityVendorInformationResolvers<ContextType>;
};

