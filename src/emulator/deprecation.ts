import type { ServerResponse } from 'node:http';

// What a deprecated Graph API adds to its answers (RFC 9745 Deprecation, RFC 8594 Sunset): this API
// is deprecated upstream with removal on 2026-04-10.
export const DEPRECATION = '@1760054400';
export const SUNSET = 'Fri, 10 Apr 2026 00:00:00 GMT';
const DEPRECATION_LINK = '<https://learn.microsoft.com/en-us/graph/api/resources/ipsecurityprofile?view=graph-rest-beta>; rel="deprecation"';

// The legacy Security API's answer when one of its providers failed: `{Vendor}/{Provider}/{StatusCode}/{LatencyInMs}`.
export const PARTIAL_CONTENT_WARNING = '199 - "Microsoft/Emulated Provider/503/1500"';

export function announceDeprecation(res: ServerResponse): void {
  res.setHeader('deprecation', DEPRECATION);
  res.setHeader('sunset', SUNSET);
  res.setHeader('link', DEPRECATION_LINK);
}
