// Which Microsoft cloud a Graph base URL belongs to: its Graph resource (the `.default` scope the
// exchange asks for) and its identity platform. Hosts that are no Microsoft Graph cloud (the
// emulator, a proxy in front of Graph) are treated as the global cloud.

interface Cloud {
  /** The Graph resource as tokens name it (their `aud`). */
  readonly graphResource: string;
  readonly authorityHost: string;
}

const GLOBAL: Cloud = { graphResource: 'https://graph.microsoft.com', authorityHost: 'https://login.microsoftonline.com' };

const CLOUDS: Readonly<Record<string, Cloud>> = {
  'graph.microsoft.com': GLOBAL,
  'graph.microsoft.us': { graphResource: 'https://graph.microsoft.us', authorityHost: 'https://login.microsoftonline.us' },
  'dod-graph.microsoft.us': { graphResource: 'https://dod-graph.microsoft.us', authorityHost: 'https://login.microsoftonline.us' },
  'microsoftgraph.chinacloudapi.cn': { graphResource: 'https://microsoftgraph.chinacloudapi.cn', authorityHost: 'https://login.chinacloudapi.cn' },
};

export function cloudOf(graphBaseUrl: string): Cloud {
  return CLOUDS[new URL(graphBaseUrl).hostname.toLowerCase()] ?? GLOBAL;
}

/** The scope of a token for all of Graph's delegated permissions the app was granted. */
export function graphScopeOf(graphBaseUrl: string): string {
  return `${cloudOf(graphBaseUrl).graphResource}/.default`;
}

// The identity platform hosts MSAL knows itself (its hard-coded instance metadata). Any other host
// (the emulator, ADFS) must be named in MSAL's knownAuthorities, or MSAL asks the global cloud's
// instance discovery endpoint whether to trust it.
const MICROSOFT_AUTHORITY_HOSTS = new Set([
  'login.microsoftonline.com',
  'login.windows.net',
  'login.microsoft.com',
  'sts.windows.net',
  'login.microsoftonline.us',
  'login.usgovcloudapi.net',
  'login-us.microsoftonline.com',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
]);

export function isMicrosoftAuthorityHost(authorityHost: string): boolean {
  return MICROSOFT_AUTHORITY_HOSTS.has(new URL(authorityHost).host.toLowerCase());
}
