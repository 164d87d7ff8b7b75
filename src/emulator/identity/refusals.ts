// The identity platform's error bodies, shaped like Entra ID's: error, error_description starting
// with the AADSTS code, error_codes, timestamp, trace_id, correlation_id, error_uri.
import { randomUUID } from 'node:crypto';

export interface TokenAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

export function refusal(status: number, error: string, aadsts: number, description: string, correlationId: string, suberror?: string): TokenAnswer {
  const traceId = randomUUID();
  const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${aadsts}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [aadsts],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${aadsts}`,
      ...(suberror === undefined ? {} : { suberror }),
    },
  };
}

export const REFUSALS = {
  malformed: (c: string) => refusal(400, 'invalid_request', 50027, 'JWT token is invalid or malformed.', c),
  signature: (c: string) => refusal(400, 'invalid_grant', 50013, 'Assertion failed signature validation. [Reason - The key was not found.]', c),
  audience: (c: string) => refusal(400, 'invalid_grant', 50013, 'Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was not the application.', c),
  issuer: (c: string) => refusal(400, 'invalid_grant', 50013, 'Assertion failed signature validation. [Reason - The issuer or tenant of the assertion does not match.]', c),
  expired: (c: string) => refusal(400, 'invalid_grant', 500133, 'Assertion is not within its valid time range. Ensure that the access token is not expired before using it for user assertion, or request a new token.', c),
  consent: (c: string) =>
    refusal(400, 'invalid_grant', 65001, "The user or administrator has not consented to use the application. Send an interactive authorization request for this user and resource.", c, 'consent_required'),
  grantType: (c: string) => refusal(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.', c),
  tokenUse: (c: string) => refusal(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'requested_token_use'.", c),
  scope: (c: string) => refusal(400, 'invalid_scope', 70011, 'The provided value for the input parameter \'scope\' is not valid. Only Microsoft Graph\'s /.default scope is served by this emulator.', c),
  unknownClient: (c: string) => refusal(400, 'unauthorized_client', 700016, 'Application was not found in the directory.', c),
  badSecret: (c: string) => refusal(401, 'invalid_client', 7000215, 'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.', c),
  badAssertion: (c: string) => refusal(401, 'invalid_client', 700027, 'Client assertion failed signature validation.', c),
  noCredential: (c: string) => refusal(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.", c),
  tenant: (c: string) => refusal(400, 'invalid_request', 90002, 'Tenant not found. Check to make sure you have the correct tenant ID.', c),
  unavailable: (status: number, c: string) => refusal(status, 'temporarily_unavailable', 90033, 'A transient error has occurred. Please try again.', c),
} as const;
