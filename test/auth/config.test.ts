import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { problemsOf } from '../helpers/config.js';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '6b1f1c5e-2a2b-4c4d-8e8f-0123456789ab';
const SECRET = 'Xy7~super.secret-value_0123456789';
const OBO = { GRAPH_AUTH: 'on-behalf-of', AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT, AZURE_CLIENT_SECRET: SECRET };

describe('GRAPH_AUTH and the AZURE_* settings', () => {
  it('forwards the caller token by default', () => {
    expect(loadConfig({}).graphAuth).toEqual({ mode: 'passthrough' });
    expect(loadConfig({ GRAPH_AUTH: 'passthrough', AZURE_CLIENT_ID: 'ignored' }).graphAuth).toEqual({ mode: 'passthrough' });
  });

  it.each([
    ['https://graph.microsoft.com/beta', 'https://graph.microsoft.com/.default', 'https://login.microsoftonline.com'],
    ['https://graph.microsoft.us/v1.0', 'https://graph.microsoft.us/.default', 'https://login.microsoftonline.us'],
    ['https://dod-graph.microsoft.us/beta', 'https://dod-graph.microsoft.us/.default', 'https://login.microsoftonline.us'],
    ['https://microsoftgraph.chinacloudapi.cn/beta', 'https://microsoftgraph.chinacloudapi.cn/.default', 'https://login.chinacloudapi.cn'],
    ['http://127.0.0.1:4001/beta', 'https://graph.microsoft.com/.default', 'https://login.microsoftonline.com'],
  ])('derives the scope and the identity platform from GRAPH_BASE_URL %s', (graph, scope, authorityHost) => {
    expect(loadConfig({ ...OBO, GRAPH_BASE_URL: graph }).graphAuth).toMatchObject({ mode: 'on-behalf-of', scope, authorityHost, tenantId: TENANT, clientId: CLIENT });
  });

  it('takes AZURE_AUTHORITY_HOST for another cloud or the emulator, https only, origin only', () => {
    expect(loadConfig({ ...OBO, AZURE_AUTHORITY_HOST: 'https://127.0.0.1:4002/' }).graphAuth).toMatchObject({ authorityHost: 'https://127.0.0.1:4002' });
    expect(problemsOf({ ...OBO, AZURE_AUTHORITY_HOST: 'http://127.0.0.1:4002' }).join('\n')).toContain('AZURE_AUTHORITY_HOST must use https');
    expect(problemsOf({ ...OBO, AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.com/tenant' }).join('\n')).toContain('AZURE_AUTHORITY_HOST must be an origin only');
  });

  it('names every missing or malformed setting at once', () => {
    const problems = problemsOf({ GRAPH_AUTH: 'on-behalf-of' }).join('\n');
    for (const name of ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH']) expect(problems).toContain(name);
    expect(problemsOf({ ...OBO, AZURE_TENANT_ID: 'common' }).join()).toContain('must name one tenant');
    expect(problemsOf({ ...OBO, AZURE_CLIENT_ID: 'my-app' }).join()).toContain('AZURE_CLIENT_ID must be a GUID');
    expect(problemsOf({ ...OBO, AZURE_CLIENT_CERTIFICATE_PATH: '/x.pem' }).join()).toContain('not both');
    expect(problemsOf({ ...OBO, AZURE_CLIENT_SECRET: '', AZURE_CLIENT_CERTIFICATE_PATH: '/nonexistent/cert.pem' }).join()).toContain('cannot read "/nonexistent/cert.pem" (ENOENT)');
    expect(problemsOf({ GRAPH_AUTH: 'obo' }).join()).toContain('GRAPH_AUTH must be one of passthrough, on-behalf-of');
    expect(loadConfig({ ...OBO, AZURE_TENANT_ID: 'contoso.onmicrosoft.com' }).graphAuth).toMatchObject({ tenantId: 'contoso.onmicrosoft.com' });
  });

  it('never shows the client secret: not in problems, not when the config is printed or serialized', () => {
    const problems = problemsOf({ ...OBO, AZURE_CLIENT_ID: 'bad', AZURE_CLIENT_CERTIFICATE_PATH: '/x.pem' });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).not.toContain(SECRET);
    const config = loadConfig(OBO);
    expect(JSON.stringify(config)).not.toContain(SECRET);
    expect(inspect(config, { depth: 10 })).not.toContain(SECRET);
    expect(`${JSON.stringify(config.graphAuth)}`).toContain('[redacted]');
  });
});
