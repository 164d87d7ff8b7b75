import { ClientAuthError, InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import { exchangeErrorOf } from '../../src/auth/errors.js';

describe("what MSAL's errors become", () => {
  it.each([
    ['interaction_required (MFA): UNAUTHENTICATED with the claims challenge', new InteractionRequiredAuthError('interaction_required', 'c1', 'AADSTS50076: ...', '', '', '', '{"access_token":{"capolids":{}}}', '50076'), { code: 'UNAUTHENTICATED', identity: { error: 'interaction_required', code: 'AADSTS50076', correlationId: 'c1', claims: '{"access_token":{"capolids":{}}}' } }, false],
    ['invalid_grant: UNAUTHENTICATED', new ServerError('invalid_grant', 'c2', 'AADSTS500133: ...', undefined, '500133', 400), { code: 'UNAUTHENTICATED', identity: { code: 'AADSTS500133' } }, false],
    ['consent missing: FORBIDDEN', new InteractionRequiredAuthError('invalid_grant', 'c3', 'AADSTS65001: ...', 'consent_required', '', '', '', '65001'), { code: 'FORBIDDEN', identity: { suberror: 'consent_required' } }, false],
    ['no such tenant: UPSTREAM_ERROR, our configuration', new ServerError('invalid_request', 'c4', 'AADSTS90002: ...', undefined, '90002', 400), { code: 'UPSTREAM_ERROR' }, false],
    ['a wrong secret: UPSTREAM_ERROR', new ServerError('invalid_client', 'c5', 'AADSTS7000215: ...', undefined, '7000215', 401), { code: 'UPSTREAM_ERROR', identity: { error: 'invalid_client' } }, false],
    ['a 503: UPSTREAM_UNAVAILABLE, retryable', new ServerError('temporarily_unavailable', 'c6', '', undefined, '90033', 503), { code: 'UPSTREAM_UNAVAILABLE' }, true],
    ["MSAL's own throttle after a 429/5xx: UPSTREAM_UNAVAILABLE, retryable", new ServerError('90033', 'c7', ''), { code: 'UPSTREAM_UNAVAILABLE', reason: 'throttled', identity: { error: 'throttled', code: 'AADSTS90033' } }, true],
    ['no connection: UPSTREAM_UNAVAILABLE, retryable', new ClientAuthError('network_error', 'c8'), { code: 'UPSTREAM_UNAVAILABLE', identity: { error: 'network_error' } }, true],
    ['anything else: UPSTREAM_ERROR without detail', new Error('boom with a secret inside'), { code: 'UPSTREAM_ERROR', identity: { error: 'unknown' } }, false],
  ])('%s', (_name, err, extensions, retryable) => {
    const error = exchangeErrorOf(err);
    expect(error.extensions).toMatchObject(extensions);
    expect(error.retryable).toBe(retryable);
    expect(error.message).not.toContain('secret');
  });
});
