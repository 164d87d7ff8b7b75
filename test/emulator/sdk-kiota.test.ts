// Kiota's Graph core (@microsoft/msgraph-sdk-core, Kiota abstractions, the typed ODataError of
// @microsoft/msgraph-sdk) against the emulator over HTTPS, with the SDK's own middleware chain and its
// own allowed-hosts check deciding where the token goes.
import {
  AllowedHostsValidator,
  BaseBearerTokenAuthenticationProvider,
  HttpMethod,
  RequestInformation,
  type ErrorMappings,
  type Parsable,
  type ParseNode,
} from '@microsoft/kiota-abstractions';
import { BaseGraphRequestAdapter, BatchRequestContent, createGraphClientFactory, PageIterator, type PageCollection } from '@microsoft/msgraph-sdk-core';
import { createODataErrorFromDiscriminatorValue, type ODataError } from '@microsoft/msgraph-sdk/models/oDataErrors/index.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/server.js';
import { PROFILE_ID, TOKEN } from '../helpers/stack.js';
import { LOOPBACK_TLS, trustingDispatcher, type FetchDispatcher } from './tls/loopbackTls.js';

const ERRORS: ErrorMappings = { XXX: createODataErrorFromDiscriminatorValue };

// The part of microsoft.graph.ipSecurityProfile these tests read, as Kiota's generated models read it.
interface Profile extends Parsable {
  id?: string | null;
  address?: string | null;
}
const createProfile = (_node: ParseNode | undefined) => (instance: Partial<Profile> = {}) => ({
  id: (n: ParseNode) => void (instance.id = n.getStringValue()),
  address: (n: ParseNode) => void (instance.address = n.getStringValue()),
});
const createProfilePage = (_node: ParseNode | undefined) => (instance: Partial<PageCollection<Profile>> = {}) => ({
  value: (n: ParseNode) => void (instance.value = n.getCollectionOfObjectValues<Profile>(createProfile) ?? []),
  '@odata.nextLink': (n: ParseNode) => void (instance.odataNextLink = n.getStringValue()),
});

describe("Kiota's Graph core against the emulator", () => {
  let emulator: Emulator;
  let dispatcher: FetchDispatcher;
  let adapter: BaseGraphRequestAdapter;

  beforeAll(async () => {
    emulator = await startEmulator({ tls: LOOPBACK_TLS });
    dispatcher = trustingDispatcher();
    const allowedHosts = new AllowedHostsValidator(new Set(['127.0.0.1']));
    const auth = new BaseBearerTokenAuthenticationProvider({
      getAuthorizationToken: async (url?: string) => (allowedHosts.isUrlHostValid(url ?? '') ? TOKEN : ''),
      getAllowedHostsValidator: () => allowedHosts,
    });
    // The SDK's default middleware (retry, redirect, telemetry, ...); only the fetch trusts the test certificate.
    const customFetch = (input: string, init: RequestInit) => fetch(input, { ...init, dispatcher });
    const http = createGraphClientFactory({ graphServiceTargetVersion: 'beta', graphServiceLibraryClientVersion: '0.0.0-test' }, customFetch);
    adapter = new BaseGraphRequestAdapter('beta', '0.0.0-test', auth, undefined, undefined, http);
    adapter.baseUrl = emulator.baseUrl;
  });
  beforeEach(() => emulator.reset());
  afterAll(async () => {
    await dispatcher.close();
    await emulator.close();
  });

  function get(path: string): RequestInformation {
    const info = new RequestInformation(HttpMethod.GET, `{+baseurl}${path}`);
    info.pathParameters.baseurl = adapter.baseUrl;
    info.headers.add('Accept', 'application/json');
    return info;
  }

  it('reads a profile, the token sent to the allowed host only', async () => {
    const profile = await adapter.send<Profile>(get(`/security/ipSecurityProfiles/${PROFILE_ID}`), createProfile, ERRORS);
    expect(profile).toMatchObject({ id: PROFILE_ID, address: 'Address value' });
    expect(emulator.requests.at(-1)!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('a Graph error arrives as a typed ODataError with the request-id of its header', async () => {
    const err = (await adapter.send(get('/security/ipSecurityProfiles/nope'), createProfile, ERRORS).then(
      () => undefined,
      (e: unknown) => e,
    )) as ODataError;
    expect(err.responseStatusCode).toBe(404);
    expect(err.errorEscaped?.code).toBe('itemNotFound');
    expect(err.errorEscaped?.innerError?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(err.responseHeaders?.['request-id']).toEqual([err.errorEscaped?.innerError?.requestId]);
  });

  it('its PageIterator follows @odata.nextLink over every page', async () => {
    for (let i = 1; i <= 9; i++) emulator.store.put({ id: `k${i}`, address: `10.2.0.${i}` });
    const first = await adapter.send<PageCollection<Profile>>(get('/security/ipSecurityProfiles?$top=4&$orderby=address'), createProfilePage, ERRORS);
    const ids: string[] = [];
    await new PageIterator<Profile>(adapter, first!, (p) => (ids.push(p.id!), true), createProfilePage, ERRORS).iterate();
    expect(ids).toEqual([...Array.from({ length: 9 }, (_, i) => `k${i + 1}`), PROFILE_ID]);
    expect(emulator.requests.filter((r) => r.url.includes('skiptoken')).map((r) => new URL(r.url, 'https://x').searchParams.get('$skiptoken'))).toEqual(['4', '8']);
  });

  it('batches 20 requests in one $batch and reads each status and Graph-spelled headers', async () => {
    for (let i = 1; i <= 19; i++) emulator.store.put({ id: `q${i}`, address: `10.3.0.${i}` });
    const batch = new BatchRequestContent(adapter, ERRORS);
    for (let i = 1; i <= 19; i++) batch.addBatchRequest(get(`/security/ipSecurityProfiles/q${i}`), String(i));
    batch.addBatchRequest(get('/security/ipSecurityProfiles/nope'), '20');
    const answer = await batch.postAsync();
    const statuses = await answer!.getResponsesStatusCodes();
    expect([...statuses.entries()].sort(([a], [b]) => Number(a) - Number(b)).map(([, s]) => s)).toEqual([...Array(19).fill(200), 404]);
    const envelope = emulator.requests.at(-1)!;
    expect(envelope.url).toBe('/beta/$batch');
    expect((JSON.parse(envelope.body) as { requests: { url: string }[] }).requests[0]!.url).toBe('/security/ipSecurityProfiles/q1');
    // This SDK version reads an inner body as base64 text: a JSON object body is not kept.
    expect(answer!.getResponseById('1')!.body).toBeUndefined();
    const headers = JSON.stringify(answer!.getResponseById('1')!.headers);
    expect(headers).toContain('Content-Type');
    expect(headers).toContain('OData-Version');
  });

  it("a batched PATCH from this SDK version is refused as Graph refuses it: its headers don't reach the batch", async () => {
    const info = new RequestInformation(HttpMethod.PATCH, `{+baseurl}/security/ipSecurityProfiles/${PROFILE_ID}`);
    info.pathParameters.baseurl = adapter.baseUrl;
    info.setContentFromParsable(adapter, 'application/json', { tags: ['batched'] }, (writer, value) => writer.writeCollectionOfPrimitiveValues('tags', (value as { tags: string[] }).tags));
    const batch = new BatchRequestContent(adapter, ERRORS);
    batch.addBatchRequest(info, 'w');
    const err = (await batch.postAsync().then(() => undefined, (e: unknown) => e)) as ODataError;
    // msgraph-sdk-core 1.0.0-preview.17 leaves a converted step's headers out (and writes a plain
    // headers map as `{}`); Graph refuses a batched body without Content-Type, and so does the emulator.
    const sent = JSON.parse(emulator.requests.at(-1)!.body) as { requests: Record<string, unknown>[] };
    expect(sent.requests[0]).toMatchObject({ id: 'w', method: 'PATCH' });
    expect(JSON.stringify(sent.requests[0]).toLowerCase()).not.toContain('content-type');
    expect(err.responseStatusCode).toBe(400);
    expect(err.errorEscaped?.message).toBe('Write request id : w does not contain Content-Type header or body.');
    expect(emulator.store.writes).toEqual([]);
  });
});
