import { describe, expect, it } from 'vitest';
import { holdsSentValues } from '../../src/graph/resilience/readBack.js';

describe('a read-back holds the values a PATCH sent', () => {
  const got = {
    '@odata.context': 'x',
    id: 'p',
    riskScore: '5',
    tags: ['a', 'b'],
    countHits: 9,
    address: null,
    vendorInformation: { provider: 'P', providerVersion: null, subProvider: null, vendor: null },
    ipReferenceData: [{ asn: 4200000000, city: 'C', state: null }],
  };

  it('when every property sent has its value, annotations aside', () => {
    expect(holdsSentValues({ '@odata.type': '#microsoft.graph.ipSecurityProfile', riskScore: '5', tags: ['a', 'b'] }, got)).toBe(true);
    expect(holdsSentValues({ address: null, lastSeenDateTime: null }, got)).toBe(true);
    expect(holdsSentValues({ vendorInformation: { '@odata.type': 'microsoft.graph.securityVendorInformation', provider: 'P' } }, got)).toBe(true);
    expect(holdsSentValues({ ipReferenceData: [{ asn: 4200000000, city: 'C' }] }, got)).toBe(true);
  });

  it('not when any differs: a value, an order, a length, a cleared property, a leftover in a replaced complex value', () => {
    expect(holdsSentValues({ riskScore: '6' }, got)).toBe(false);
    expect(holdsSentValues({ tags: ['b', 'a'] }, got)).toBe(false);
    expect(holdsSentValues({ tags: ['a'] }, got)).toBe(false);
    expect(holdsSentValues({ countHits: null }, got)).toBe(false);
    expect(holdsSentValues({ countHits: '9' }, got)).toBe(false);
    expect(holdsSentValues({ vendorInformation: { providerVersion: null } }, got)).toBe(false);
    expect(holdsSentValues({ ipReferenceData: [{ asn: 4200000001, city: 'C' }] }, got)).toBe(false);
  });
});
