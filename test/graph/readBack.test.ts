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

  it('compares values, not spellings: date-times as instants to the 100 ns tick, numbers as numbers', () => {
    const dated = { firstSeenDateTime: '2016-12-31T20:57:27.0365895Z', countHits: 9, asnText: '4200000000', lastSeenDateTime: '2017-01-01T00:00:00Z' };
    expect(holdsSentValues({ firstSeenDateTime: '2016-12-31T23:57:27.0365895+03:00' }, dated)).toBe(true);
    expect(holdsSentValues({ firstSeenDateTime: '2016-12-31T15:27:27.0365895-05:30' }, dated)).toBe(true);
    expect(holdsSentValues({ lastSeenDateTime: '2016-12-31T23:00:00.0000000-01:00' }, dated)).toBe(true);
    // One tick off is another instant; finer than a tick, Graph keeps the tick.
    expect(holdsSentValues({ firstSeenDateTime: '2016-12-31T23:57:27.0365896+03:00' }, dated)).toBe(false);
    expect(holdsSentValues({ firstSeenDateTime: '2016-12-31T20:57:27.036589549Z' }, dated)).toBe(true);
    expect(holdsSentValues({ firstSeenDateTime: 'not a date' }, dated)).toBe(false);
    expect(holdsSentValues({ asnText: 4200000000 }, dated)).toBe(true);
    expect(holdsSentValues({ asnText: 4200000001 }, dated)).toBe(false);
    expect(holdsSentValues({ countHits: 9.0 }, dated)).toBe(true);
  });
});
