import { readFileSync } from 'node:fs';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function fixture(name: string): { [key: string]: Json } {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as { [key: string]: Json };
}

/** The request body of the document's example, exactly as the document prints it. */
export const DOCUMENT_REQUEST_BODY = fixture('document-request-body.json');
/** The response body of the document's example. */
export const DOCUMENT_RESPONSE_BODY = fixture('document-response-body.json');

/** A Graph JSON value without its `@odata.*` annotations: what a GraphQL input or output holds. */
export function withoutAnnotations(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutAnnotations);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => !k.startsWith('@')).map(([k, v]) => [k, withoutAnnotations(v)]));
  }
  return value;
}
