import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { problemsOf } from './helpers/config.js';

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      graphBaseUrl: 'https://graph.microsoft.com/beta',
      graphTimeoutMs: 10_000,
      graphMaxRetries: 3,
      requestDeadlineMs: 30_000,
      logLevel: 'info',
      nodeEnv: 'development',
      production: false,
      introspection: true,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it.each([
    ['https://graph.microsoft.us/v1.0/', 'https://graph.microsoft.us/v1.0'],
    ['https://microsoftgraph.chinacloudapi.cn/beta', 'https://microsoftgraph.chinacloudapi.cn/beta'],
    ['http://127.0.0.1:4001/beta', 'http://127.0.0.1:4001/beta'],
    ['https://proxy.internal/graph/beta', 'https://proxy.internal/graph/beta'],
  ])('takes GRAPH_BASE_URL %s', (given, expected) => {
    expect(loadConfig({ GRAPH_BASE_URL: given }).graphBaseUrl).toBe(expected);
  });

  it('production turns introspection off unless INTROSPECTION=true', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', INTROSPECTION: 'true' }).introspection).toBe(true);
  });

  it('turns the compiled path on unless COMPILED_PATH=false', () => {
    expect(loadConfig({}).compiledPath).toBe(true);
    expect(loadConfig({ COMPILED_PATH: 'false' }).compiledPath).toBe(false);
  });

  it('runs graphql-jit on the compiled path unless COMPILED_PATH_JIT=false', () => {
    expect(loadConfig({}).compiledPathJit).toBe(true);
    expect(loadConfig({ COMPILED_PATH_JIT: 'false' }).compiledPathJit).toBe(false);
    expect(loadConfig({ COMPILED_PATH_JIT: '0' }).compiledPathJit).toBe(false);
    expect(loadConfig({ COMPILED_PATH_JIT: '1' }).compiledPathJit).toBe(true);
  });

  it.each([
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '12a' }, 'PORT'],
    [{ GRAPH_BASE_URL: 'graph.microsoft.com/beta' }, 'GRAPH_BASE_URL'],
    [{ GRAPH_BASE_URL: 'https://graph.microsoft.com' }, 'GRAPH_BASE_URL'],
    [{ GRAPH_BASE_URL: 'https://user:pw@graph.microsoft.com/beta' }, 'GRAPH_BASE_URL'],
    [{ GRAPH_BASE_URL: 'https://graph.microsoft.com/beta?x=1' }, 'GRAPH_BASE_URL'],
    [{ GRAPH_TIMEOUT_MS: '0' }, 'GRAPH_TIMEOUT_MS'],
    [{ GRAPH_MAX_RETRIES: '11' }, 'GRAPH_MAX_RETRIES'],
    [{ GRAPH_MAX_RETRIES: '-1' }, 'GRAPH_MAX_RETRIES'],
    [{ REQUEST_DEADLINE_MS: '30s' }, 'REQUEST_DEADLINE_MS'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
    [{ INTROSPECTION: 'yes please' }, 'INTROSPECTION'],
    [{ COMPILED_PATH: 'fast' }, 'COMPILED_PATH'],
    [{ COMPILED_PATH_JIT: 'jit' }, 'COMPILED_PATH_JIT'],
    [{ CORS_ORIGINS: 'not an origin' }, 'CORS_ORIGINS'],
  ])('refuses %j', (env, name) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
  });

  it('reports every problem at once', () => {
    expect(problemsOf({ PORT: 'x', GRAPH_TIMEOUT_MS: 'y', LOG_LEVEL: 'z' })).toHaveLength(3);
  });
});
