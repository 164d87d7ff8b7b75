import { describe, expect, it } from 'vitest';
import { GraphValueError } from '../../src/graph/errors.js';
import { fromGraphProfile } from '../../src/mapping/fromGraph.js';
import { toGraphPatchBody } from '../../src/mapping/toGraph.js';
import { dateTimeOffsetProblem } from '../../src/mapping/dateTimeOffset.js';
import { DOCUMENT_REQUEST_BODY, DOCUMENT_RESPONSE_BODY, withoutAnnotations } from '../helpers/document.js';

describe('toGraphPatchBody', () => {
  it("turns the document's example input into the document's example body, key for key", () => {
    const input = withoutAnnotations(DOCUMENT_REQUEST_BODY) as Parameters<typeof toGraphPatchBody>[0];
    expect(JSON.stringify(toGraphPatchBody(input))).toBe(JSON.stringify(DOCUMENT_REQUEST_BODY));
  });

  it('keeps absent, null and values apart at every depth', () => {
    expect(toGraphPatchBody({ address: null, tags: [], vendorInformation: { vendor: null } })).toEqual({
      '@odata.type': '#microsoft.graph.ipSecurityProfile',
      address: null,
      tags: [],
      vendorInformation: { '@odata.type': 'microsoft.graph.securityVendorInformation', vendor: null },
    });
  });

  it('never writes the id or anything outside the document', () => {
    const body = toGraphPatchBody({ riskScore: '1', ...({ id: 'x', extra: 1 } as object) });
    expect(body).toEqual({ '@odata.type': '#microsoft.graph.ipSecurityProfile', riskScore: '1' });
  });
});

describe('fromGraphProfile', () => {
  it("maps the document's example response, annotations dropped and missing fields null", () => {
    const profile = fromGraphProfile(DOCUMENT_RESPONSE_BODY, 'ignored');
    expect(profile.id).toBe('a5c97fce-7fce-a5c9-ce7f-c9a5ce7fc9a5');
    expect(profile.ipCategories).toEqual([{ description: 'Description value', name: 'Name value', vendor: 'Vendor value' }]);
    expect(profile.vendorInformation).toEqual({ provider: 'Provider value', providerVersion: 'Provider Version value', subProvider: 'Sub Provider value', vendor: null });
    expect(profile.firstSeenDateTime).toBe('2016-12-31T23:57:27.0365895+03:00');
    expect(JSON.stringify(profile)).not.toContain('@odata');
  });

  it('uses the requested id when Graph leaves it out, and puts an error in place of a non-object complex value', () => {
    const profile = fromGraphProfile({ vendorInformation: 'odd', ipCategories: 'odd', ipReferenceData: [3, null] }, 'req-id') as unknown as Record<string, unknown>;
    expect(profile.id).toBe('req-id');
    for (const property of ['vendorInformation', 'ipCategories', 'ipReferenceData']) {
      expect(profile[property]).toBeInstanceOf(GraphValueError);
      expect((profile[property] as GraphValueError).property).toBe(property);
    }
  });
});

describe('dateTimeOffsetProblem', () => {
  it.each(['2016-12-31T23:57:27.0365895+03:00', '2000-02-29T00:00:00Z', '2016-12-31T23:57:27-14:00', '9999-12-31T23:59:59.9999999Z'])('accepts %s', (v) => {
    expect(dateTimeOffsetProblem(v)).toBeNull();
  });
  it.each(['2016-02-30T00:00:00Z', '1900-02-29T00:00:00Z', '2016-13-01T00:00:00Z', '2016-12-31T23:57:27', '2016-12-31T23:57:27+0300', '2016-12-31 23:57:27Z', '2016-12-31T23:57:27.Z', ' 2016-12-31T23:57:27Z'])(
    'refuses %s',
    (v) => {
      expect(dateTimeOffsetProblem(v)).toEqual(expect.any(String));
    },
  );
});
