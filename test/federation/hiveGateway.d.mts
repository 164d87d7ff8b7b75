export function startHiveGateway(
  supergraph: string,
  headers: { readonly toSubgraph: readonly string[]; readonly toClient: readonly string[] },
): Promise<{ readonly url: string; stop(): Promise<void> }>;
