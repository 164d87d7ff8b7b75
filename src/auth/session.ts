// The Graph session of one request when its Graph token comes from an exchange: nothing is
// exchanged until a resolver actually calls Graph (introspection, `_service` and `__typename` never
// do), and one request exchanges at most once however many fields it resolves.
import type { GraphCaller, GraphClient, GraphSession } from '../graph/client.js';
import type { TokenSource } from './tokenSource.js';

/** What resolvers may ask of Graph: GraphSession's public operations. */
export type GraphOperations = Pick<GraphSession, keyof GraphSession>;

export function sessionFor(client: GraphClient, caller: GraphCaller, tokens: TokenSource): GraphOperations {
  // Passthrough, or no usable token at all (the client refuses with its own MissingTokenError).
  if (tokens.mode === 'passthrough' || 'problem' in caller.credential) return client.forCaller(caller);
  const incoming = caller.credential.token;
  return new ExchangingSession(client, caller, () => tokens.graphTokenFor(incoming, caller.clientRequestId));
}

// Every operation of GraphSession is forwarded here by name: one it gains fails to type-check until
// it is, so the caller's own token can never slip through to Graph.
class ExchangingSession implements GraphOperations {
  private exchanged: Promise<GraphSession> | undefined;

  constructor(
    private readonly client: GraphClient,
    private readonly caller: GraphCaller,
    private readonly graphToken: () => Promise<string>,
  ) {}

  private session(): Promise<GraphSession> {
    this.exchanged ??= this.graphToken().then((token) => this.client.forCaller({ ...this.caller, credential: { token } }));
    return this.exchanged;
  }

  async getProfile(...args: Parameters<GraphSession['getProfile']>): ReturnType<GraphSession['getProfile']> {
    return (await this.session()).getProfile(...args);
  }

  async getProfiles(...args: Parameters<GraphSession['getProfiles']>): ReturnType<GraphSession['getProfiles']> {
    return (await this.session()).getProfiles(...args);
  }

  async listProfiles(...args: Parameters<GraphSession['listProfiles']>): ReturnType<GraphSession['listProfiles']> {
    return (await this.session()).listProfiles(...args);
  }

  async updateProfile(...args: Parameters<GraphSession['updateProfile']>): ReturnType<GraphSession['updateProfile']> {
    return (await this.session()).updateProfile(...args);
  }
}
