// The Graph session of one request when its Graph token comes from an exchange: nothing is
// exchanged until a resolver actually calls Graph (introspection, `_service` and `__typename` never
// do), and one request exchanges at most once however many fields it resolves.
import { GraphSession, type GraphCaller, type GraphClient } from '../graph/client.js';
import type { TokenSource } from './tokenSource.js';

export function sessionFor(client: GraphClient, caller: GraphCaller, tokens: TokenSource): GraphSession {
  // Passthrough, or no usable token at all (the client refuses with its own MissingTokenError).
  if (tokens.mode === 'passthrough' || 'problem' in caller.credential) return client.as(caller);
  const incoming = caller.credential.token;
  return new ExchangingSession(client, caller, () => tokens.graphTokenFor(incoming, caller.clientRequestId));
}

// Whatever this base session is asked directly (a method added to GraphSession and not forwarded
// below) fails as unauthenticated instead of sending the caller's token, which Graph must never get.
const NOT_EXCHANGED: GraphCaller['credential'] = { problem: 'the Graph token has not been obtained on behalf of the caller' };

class ExchangingSession extends GraphSession {
  private exchanged: Promise<GraphSession> | undefined;

  constructor(
    private readonly graphClient: GraphClient,
    private readonly onBehalfOf: GraphCaller,
    private readonly graphToken: () => Promise<string>,
  ) {
    super(graphClient, { ...onBehalfOf, credential: NOT_EXCHANGED });
  }

  private session(): Promise<GraphSession> {
    this.exchanged ??= this.graphToken().then((token) => this.graphClient.as({ ...this.onBehalfOf, credential: { token } }));
    return this.exchanged;
  }

  override async getProfile(...args: Parameters<GraphSession['getProfile']>): ReturnType<GraphSession['getProfile']> {
    return (await this.session()).getProfile(...args);
  }

  override async getProfiles(...args: Parameters<GraphSession['getProfiles']>): ReturnType<GraphSession['getProfiles']> {
    return (await this.session()).getProfiles(...args);
  }

  override async listProfiles(...args: Parameters<GraphSession['listProfiles']>): ReturnType<GraphSession['listProfiles']> {
    return (await this.session()).listProfiles(...args);
  }

  override async updateProfile(...args: Parameters<GraphSession['updateProfile']>): ReturnType<GraphSession['updateProfile']> {
    return (await this.session()).updateProfile(...args);
  }
}
