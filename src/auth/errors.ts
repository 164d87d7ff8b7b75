// What a failed on-behalf-of exchange becomes for the caller. Only the identity platform's own
// error, AADSTS code and correlation id travel; never a token, a secret or MSAL's free text.
import { AuthError, InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors.js';

/** The identity platform's account of a refusal, as `extensions.identity` shows it. */
export interface IdentityDetail {
  /** OAuth error: `invalid_grant`, `interaction_required`, ...; or MSAL's own (`network_error`). */
  readonly error: string;
  /** The first AADSTS code, e.g. `AADSTS500133`, when the identity platform sent one. */
  readonly code: string | null;
  /** Quote it to Microsoft support; it is also MSAL's client-request-id. */
  readonly correlationId: string | null;
  readonly suberror?: string;
  /** A claims challenge for the frontend to sign in again with (Conditional Access, MFA). */
  readonly claims?: string;
}

export type ExchangeCode = typeof ErrorCode.UNAUTHENTICATED | typeof ErrorCode.FORBIDDEN | typeof ErrorCode.UPSTREAM_UNAVAILABLE | typeof ErrorCode.UPSTREAM_ERROR;

export class TokenExchangeError extends GraphQLError {
  readonly detail: IdentityDetail;
  /** Worth another attempt within the deadline: the identity platform was unreachable or busy. */
  readonly retryable: boolean;

  constructor(code: ExchangeCode, message: string, detail: IdentityDetail, retryable: boolean, reason?: string) {
    super(message, { extensions: { code, identity: { ...detail }, ...(reason === undefined ? {} : { reason }) } });
    this.name = 'TokenExchangeError';
    this.detail = detail;
    this.retryable = retryable;
  }

  get code(): ExchangeCode {
    return this.extensions.code as ExchangeCode;
  }
}

// MSAL's own codes for "no usable answer came": nothing was decided about the token.
const UNREACHABLE = new Set(['network_error', 'endpoints_resolution_error', 'openid_config_error']);
const BUSY = new Set(['temporarily_unavailable', 'service_unavailable']);
// The caller's token is what the identity platform refused: a new sign-in fixes it.
const CALLER_REFUSED = new Set(['invalid_grant', 'interaction_required', 'login_required', 'bad_token']);
// invalid_request is mostly about our own request (AADSTS90002: no such tenant), except when the
// assertion, the caller's token, is not a JWT at all.
const CALLER_MALFORMED = new Set(['AADSTS50027']);
// Consent is missing: only an administrator (or the user, if allowed) can fix it.
const CONSENT = new Set(['consent_required']);
const CONSENT_AADSTS = new Set(['AADSTS65001']);

/** Turns whatever MSAL threw into a coded error a caller may see. */
export function exchangeErrorOf(err: unknown): TokenExchangeError {
  if (err instanceof TokenExchangeError) return err;
  if (!(err instanceof AuthError)) {
    return new TokenExchangeError(ErrorCode.UPSTREAM_ERROR, 'The on-behalf-of exchange failed.', { error: 'unknown', code: null, correlationId: null }, false);
  }
  const errorNo = err instanceof ServerError || err instanceof InteractionRequiredAuthError ? err.errorNo : undefined;
  const detail: IdentityDetail = {
    error: err.errorCode || 'unknown',
    code: errorNo ? `AADSTS${errorNo}` : null,
    correlationId: err.correlationId || null,
    ...(err.subError ? { suberror: err.subError } : {}),
    ...(err instanceof InteractionRequiredAuthError && err.claims ? { claims: err.claims } : {}),
  };
  const status = err instanceof ServerError ? err.status : undefined;
  // After a 429 or 5xx MSAL itself refuses further requests for Retry-After seconds (60 without
  // one), answering locally with the remembered AADSTS numbers as the error: still unavailable.
  if (err instanceof ServerError && status === undefined && /^\d+(?: \d+)*$/.test(detail.error)) {
    const throttled = { ...detail, error: 'throttled', code: `AADSTS${detail.error.split(' ')[0]}` };
    return new TokenExchangeError(ErrorCode.UPSTREAM_UNAVAILABLE, `The identity platform asked to wait before the next on-behalf-of exchange (${throttled.code}).`, throttled, true, 'throttled');
  }
  const said = [detail.error, detail.code].filter(Boolean).join(' ');
  if (UNREACHABLE.has(detail.error) || BUSY.has(detail.error) || status === 429 || (status !== undefined && status >= 500)) {
    return new TokenExchangeError(ErrorCode.UPSTREAM_UNAVAILABLE, `The identity platform is unavailable for the on-behalf-of exchange (${said}).`, detail, true, detail.error);
  }
  if (CONSENT.has(detail.error) || CONSENT.has(detail.suberror ?? '') || CONSENT_AADSTS.has(detail.code ?? '')) {
    return new TokenExchangeError(ErrorCode.FORBIDDEN, `The identity platform refused the on-behalf-of exchange: consent for Microsoft Graph is missing (${said}).`, detail, false);
  }
  if (CALLER_REFUSED.has(detail.error) || (detail.error === 'invalid_request' && CALLER_MALFORMED.has(detail.code ?? ''))) {
    return new TokenExchangeError(ErrorCode.UNAUTHENTICATED, `The identity platform refused the caller's token for the on-behalf-of exchange (${said}). Sign in again.`, detail, false);
  }
  // invalid_client, unauthorized_client, invalid_scope, a bad authority: the gateway's own registration or settings.
  return new TokenExchangeError(ErrorCode.UPSTREAM_ERROR, `The identity platform refused the gateway's on-behalf-of request (${said}).`, detail, false);
}

/** The exchange ran out of time (every attempt failed to get an answer) or the caller left. */
export function exchangeTimeout(last: TokenExchangeError | null, reason: 'DEADLINE_EXCEEDED' | 'ABORTED'): TokenExchangeError {
  const detail = last?.detail ?? { error: 'timeout', code: null, correlationId: null };
  return new TokenExchangeError(ErrorCode.UPSTREAM_UNAVAILABLE, `The identity platform did not complete the on-behalf-of exchange in time${last ? ` (last: ${last.detail.error})` : ''}.`, detail, false, reason);
}
