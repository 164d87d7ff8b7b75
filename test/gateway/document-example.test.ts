import { describe, expect, it } from 'vitest';
import { DOCUMENT_REQUEST_BODY, DOCUMENT_RESPONSE_BODY, withoutAnnotations } from '../helpers/document.js';
import { PROFILE_ID, TOKEN, UPDATE, useStack } from '../helpers/stack.js';

describe("the document's example, end to end", () => {
  const stack = useStack({}, { resetEach: false });

  it('sends Graph exactly the documented request and returns the documented response', async () => {
    // The document's example body, annotations removed, is what a GraphQL client writes as input.
    const input = withoutAnnotations(DOCUMENT_REQUEST_BODY);
    const answer = await stack.gql(UPDATE, { id: PROFILE_ID, input }, { 'client-request-id': 'doc-example-1' });

    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();

    // What Graph received: one PATCH, to the one path, with the documented body byte for byte.
    expect(stack.emulator.requests).toHaveLength(1);
    const [call] = stack.emulator.requests;
    expect(call!.method).toBe('PATCH');
    expect(call!.url).toBe(`/beta/security/ipSecurityProfiles/${PROFILE_ID}`);
    expect(call!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(call!.headers['content-type']).toBe('application/json');
    expect(call!.headers.accept).toBe('application/json');
    expect(call!.headers.prefer).toBe('return=representation');
    expect(call!.headers['client-request-id']).toBe('doc-example-1');
    expect(call!.body).toBe(JSON.stringify(DOCUMENT_REQUEST_BODY));

    // What the client got: the documented response, value for value; properties the document's
    // example leaves out (the `vendor` of nested types) are null.
    const expected = withoutAnnotations(DOCUMENT_RESPONSE_BODY) as Record<string, unknown>;
    const refData = (expected.ipReferenceData as Record<string, unknown>[]).map((r) => ({ ...r, vendor: null }));
    expect(answer.body.data).toEqual({
      updateIpSecurityProfile: {
        ...expected,
        ipReferenceData: refData,
        vendorInformation: { ...(expected.vendorInformation as object), vendor: null },
      },
    });
    // Byte-exact date-times, 7 fractional digits and the +03:00 offset kept.
    const profile = answer.body.data!.updateIpSecurityProfile as Record<string, unknown>;
    expect(profile.firstSeenDateTime).toBe('2016-12-31T23:57:27.0365895+03:00');
    expect(profile.lastSeenDateTime).toBe('2016-12-31T23:58:05.5931807+03:00');
  });
});
