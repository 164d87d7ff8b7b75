import { createRequire } from 'node:module';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import {
  GraphQLError,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  typeFromAST,
  type GraphQLInputType,
  type GraphQLInputField,
  type GraphQLInputObjectType,
  locatedError,
  type DocumentNode,
  type OperationDefinitionNode,
  type ExecutionResult,
  type GraphQLSchema,
  type SourceLocation,
  type VariableDefinitionNode,
} from 'graphql';

// graphql-js's own `inspect`, for its wording of a serializer that returned nothing. Required, not
// imported: the test runner aliases the `graphql` specifier itself (vitest.config.ts).
const { inspect } = createRequire(import.meta.url)('graphql/jsutils/inspect.js') as { inspect: (value: unknown) => string };

/** A jit-compiled operation: resolvers run as with graphql-js; errors come back as graphql-js makes them. */
export type JitQuery = (context: unknown, variables: Record<string, unknown> | undefined) => Promise<ExecutionResult> | ExecutionResult;

/**
 * Compiles one operation of a document Apollo validated, or null when graphql-jit refuses it (the plan
 * then keeps graphql-js). The document is copied first: jit writes its `@skip`/`@include` bookkeeping
 * onto the field nodes it is given, and the original is Apollo's cached document.
 */
export function compileJit(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): JitQuery | null {
  const compiled = compileQuery(schema, copied(document), operation.name?.value, {
    // Its compiled serializer refuses custom scalars; graphql-js's JSON.stringify is what Apollo writes.
    customJSONSerializer: false,
    customSerializers: serializersOf(schema),
    // Its own errors are rebuilt below (with graphql-js's stack handling); no trace captured twice.
    disablingCapturingStackErrors: true,
  });
  if (!isCompiledQuery(compiled)) return null;
  const refusedByGraphqlJsOnly = jitMisses(schema, operation.variableDefinitions ?? []);
  return async (context, variables) => {
    // Refused here without data, so the request goes to Apollo, which words the refusal.
    if (refusedByGraphqlJsOnly(variables)) return { errors: [new GraphQLError('an array given for an input object')] };
    const result = await compiled.query(undefined, context, variables);
    return result.errors ? { ...result, errors: result.errors.map(asGraphqlJsError) } : result;
  };
}

/**
 * What graphql-jit 0.8.9's variable coercion accepts and graphql-js's refuses: an array given for an
 * input object (an empty one becomes {}). True for variables that must not reach jit.
 */
export function jitMisses(schema: GraphQLSchema, definitions: readonly VariableDefinitionNode[]): (variables: Record<string, unknown> | undefined) => boolean {
  const typed = definitions.map((d) => [d.variable.name.value, typeFromAST(schema, d.type) as GraphQLInputType | undefined] as const);
  return (variables) => variables != null && typed.some(([name, type]) => type !== undefined && arrayForInputObject(type, variables[name]));
}

const inputFields = new WeakMap<GraphQLInputObjectType, readonly GraphQLInputField[]>();
function fieldsOf(type: GraphQLInputObjectType): readonly GraphQLInputField[] {
  let fields = inputFields.get(type);
  if (!fields) inputFields.set(type, (fields = Object.values(type.getFields())));
  return fields;
}

/** Whether `value`, given for `type`, holds an array where an input object is expected. */
function arrayForInputObject(type: GraphQLInputType, value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (isNonNullType(type)) return arrayForInputObject(type.ofType, value);
  if (isListType(type)) {
    const item = type.ofType as GraphQLInputType;
    return Array.isArray(value) ? value.some((v) => arrayForInputObject(item, v)) : arrayForInputObject(item, value);
  }
  if (!isInputObjectType(type)) return false;
  if (Array.isArray(value)) return true;
  if (typeof value !== 'object') return false;
  for (const field of fieldsOf(type)) {
    if (arrayForInputObject(field.type, (value as Record<string, unknown>)[field.name])) return true;
  }
  return false;
}

/** The document's nodes copied (locations shared: jit reads them, never writes them). */
function copied<T>(node: T): T {
  if (Array.isArray(node)) return node.map(copied) as T;
  if (typeof node !== 'object' || node === null) return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) copy[key] = key === 'loc' ? value : copied(value);
  return copy as T;
}

// A leaf serializer's error reaches jit's output with its message only (its code and class lost): it
// throws a token in its place and the original is picked up again by asGraphqlJsError. Tokens of
// errors jit drops (null propagation past them) are forgotten after MAX_CARRIED others.
const carried = new Map<string, unknown>();
const MAX_CARRIED = 1024;
const TOKEN_PREFIX = '\u0000graphql-jit leaf error ';
let tokens = 0;

function carry(error: unknown): Error {
  const token = `${TOKEN_PREFIX}${(tokens = (tokens + 1) % Number.MAX_SAFE_INTEGER)}`;
  carried.set(token, error);
  if (carried.size > MAX_CARRIED) carried.delete(carried.keys().next().value!);
  return new Error(token);
}

const serializersBySchema = new WeakMap<GraphQLSchema, Record<string, (value: unknown) => unknown>>();

/** Every leaf type's own serialize, with graphql-js's check of its result (completeLeafValue). */
function serializersOf(schema: GraphQLSchema): Record<string, (value: unknown) => unknown> {
  let serializers = serializersBySchema.get(schema);
  if (serializers) return serializers;
  serializers = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isLeafType(type)) continue;
    serializers[type.name] = (value) => {
      let serialized: unknown;
      try {
        serialized = type.serialize(value);
      } catch (error) {
        throw carry(error);
      }
      if (serialized === undefined || serialized === null) {
        throw carry(new Error(`Expected \`${inspect(type)}.serialize(${inspect(value)})\` to return non-nullable value, returned: ${inspect(serialized)}`));
      }
      return serialized;
    };
  }
  serializersBySchema.set(schema, serializers);
  return serializers;
}

// jit words two of its own errors differently: a field merged from several nodes is named "T.(f,f)",
// and graphql-js quotes the field of a list that is not iterable.
const MERGED_FIELD = /\.\((\w+)(?:,\1)+\)\.$/;
const NOT_ITERABLE = /^Expected Iterable, but did not find one for field (\w+\.\w+)\.$/;

/**
 * jit's error as graphql-js's `locatedError` makes it: the original error (a resolver's, or a leaf
 * serializer's) with the field's path and locations, its extensions and class kept. jit's own errors
 * (no original) become plain GraphQLErrors, as graphql-js's are.
 */
function asGraphqlJsError(error: GraphQLError): GraphQLError {
  const token = error.message.startsWith(TOKEN_PREFIX);
  // A token whose error was forgotten (more than MAX_CARRIED in flight) must never reach a client.
  const original = token ? (carried.get(error.message) ?? new Error('Unexpected error value: a leaf value could not be serialised')) : error.originalError;
  if (token) carried.delete(error.message);
  const path = error.path as (string | number)[] | undefined;
  if (original === undefined) {
    const message = error.message.replace(MERGED_FIELD, '.$1.').replace(NOT_ITERABLE, 'Expected Iterable, but did not find one for field "$1".');
    return withLocations(new GraphQLError(message, { path }), error.locations);
  }
  const located = locatedError(original, undefined, path);
  // An error that came with its own nodes or path keeps them, as graphql-js leaves it.
  return located === original || located.locations !== undefined ? located : withLocations(located, error.locations);
}

function withLocations(error: GraphQLError, locations: readonly SourceLocation[] | undefined): GraphQLError {
  if (locations !== undefined && locations.length > 0) (error as { locations?: readonly SourceLocation[] }).locations = locations;
  return error;
}
