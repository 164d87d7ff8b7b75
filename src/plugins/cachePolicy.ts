import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';

// Every answer carries the caller's own Graph data, so nothing may be cached: `cache-control:
// no-store`, always. Apollo's default cache-control plugin reaches the same header for this schema (no
// @cacheControl hints, default maxAge 0), but wraps every field resolver to compute it, a few per cent of
// the gateway's CPU per request (README, "Performance"). This says it once per response instead.
const NO_STORE = {
  async willSendResponse({ response }) {
    response.http.headers.set('cache-control', 'no-store');
  },
} satisfies Awaited<ReturnType<NonNullable<ApolloServerPlugin['requestDidStart']>>>;

export function cachePolicyPlugins<TContext extends object>(): ApolloServerPlugin<TContext>[] {
  return [ApolloServerPluginCacheControlDisabled(), { requestDidStart: async () => NO_STORE }];
}
