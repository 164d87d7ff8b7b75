// The typed documents a frontend imports (generated from operations/*.graphql), run by a real Apollo
// Client with its HttpLink over fetch against the running gateway.
import { readdirSync, readFileSync } from 'node:fs';
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { parse, validate } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  GetIpSecurityProfileDocument,
  IpSecurityProfileFieldsFragmentDoc,
  ListIpSecurityProfilesDocument,
  UpdateIpSecurityProfileDocument,
  type ListIpSecurityProfilesQueryVariables,
} from '../../src/__generated__/operations.js';
import { EXAMPLE_VARIABLES } from '../../src/dev/examples.js';
import { buildSchema } from '../../src/schema.js';
import { PROFILE_ID, TOKEN, startStack, type Stack } from '../helpers/stack.js';

const OPERATIONS_DIR = new URL('../../operations/', import.meta.url);

describe('operations/ through @apollo/client', () => {
  let stack: Stack;
  let client: ApolloClient;
  beforeAll(async () => {
    stack = await startStack();
    client = new ApolloClient({
      link: new HttpLink({ uri: stack.gateway.url, fetch, headers: { authorization: `Bearer ${TOKEN}` } }),
      cache: new InMemoryCache(),
    });
  });
  beforeEach(() => stack.emulator.reset());
  afterAll(async () => {
    client?.stop();
    await stack?.close();
  });

  it('every operation file is valid against the schema the gateway serves', () => {
    const files = readdirSync(OPERATIONS_DIR).filter((f) => f.endsWith('.graphql'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    const document = parse(files.map((f) => readFileSync(new URL(f, OPERATIONS_DIR), 'utf8')).join('\n'));
    expect(validate(buildSchema(), document)).toEqual([]);
  });

  it('UpdateIpSecurityProfile: the document example, date-times and asn exact', async () => {
    const { data } = await client.mutate({ mutation: UpdateIpSecurityProfileDocument, variables: EXAMPLE_VARIABLES });
    expect(data?.updateIpSecurityProfile).toMatchObject({
      id: PROFILE_ID,
      address: 'Address value',
      firstSeenDateTime: '2016-12-31T23:57:27.0365895+03:00',
      lastSeenDateTime: '2016-12-31T23:58:05.5931807+03:00',
      ipReferenceData: [{ asn: 3, city: 'City value' }],
    });
    expect(stack.emulator.requests[0]!.method).toBe('PATCH');
    expect(stack.emulator.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('GetIpSecurityProfile, then the entity fragment read from the client cache', async () => {
    const { data } = await client.query({ query: GetIpSecurityProfileDocument, variables: { id: PROFILE_ID }, fetchPolicy: 'network-only' });
    expect(data?.ipSecurityProfile?.firstSeenDateTime).toBe('2016-12-31T23:57:27.0365895+03:00');
    const cached = client.readFragment({ fragment: IpSecurityProfileFieldsFragmentDoc, id: `IpSecurityProfile:${PROFILE_ID}` });
    expect(cached).toEqual(data?.ipSecurityProfile);
    expect(stack.emulator.requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('ListIpSecurityProfiles, page after page', async () => {
    for (let i = 0; i < 5; i += 1) stack.emulator.store.put({ id: `c${i}`, address: `192.0.2.${i}` });
    const ids: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 5; pages += 1) {
      const variables: ListIpSecurityProfilesQueryVariables = { first: 4, after, orderBy: 'address' };
      const result = await client.query({ query: ListIpSecurityProfilesDocument, variables, fetchPolicy: 'no-cache' });
      const connection = result.data!.ipSecurityProfiles;
      ids.push(...connection.nodes.map((n) => n.id));
      after = connection.pageInfo.endCursor;
      if (!connection.pageInfo.hasNextPage) break;
    }
    expect(after).toBeNull();
    expect(ids).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', PROFILE_ID]);
    expect(stack.emulator.requests).toHaveLength(2);
  });
});
