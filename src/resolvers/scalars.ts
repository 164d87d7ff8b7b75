import { GraphQLError, GraphQLScalarType, Kind, print, type ValueNode } from 'graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { dateTimeOffsetProblem } from '../mapping/dateTimeOffset.js';

// On the way in the caller wrote the value; on the way out Graph did.
const CODE = { input: 'BAD_USER_INPUT', output: 'UPSTREAM_ERROR' } as const;

function checked(value: unknown, direction: 'input' | 'output'): string {
  if (typeof value !== 'string') {
    throw new GraphQLError(`DateTimeOffset must be a string, got ${typeof value}`, {
      extensions: { code: CODE[direction] },
    });
  }
  const problem = dateTimeOffsetProblem(value);
  if (problem) {
    throw new GraphQLError(`DateTimeOffset cannot represent "${value}": ${problem}`, {
      extensions: { code: CODE[direction] },
    });
  }
  return value;
}

/** Validates and passes the string through unchanged, both ways (graphql-scalars' DateTime is lossy). */
export const DateTimeOffset = new GraphQLScalarType<string, string>({
  name: 'DateTimeOffset',
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
  serialize: (value) => checked(value, 'output'),
  parseValue: (value) => checked(value, 'input'),
  parseLiteral(node) {
    if (node.kind !== Kind.STRING) {
      throw new GraphQLError(`DateTimeOffset must be a string, got ${print(node)}`, {
        nodes: node,
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    // Located at the literal: graphql-js reports a scalar's own GraphQLError as is.
    return asUserInput(() => checked(node.value, 'input'), node);
  },
});

/** Marks a scalar's refusal of an input value as the caller's mistake, with the literal located. */
function asUserInput<T>(parse: () => T, node?: ValueNode): T {
  try {
    return parse();
  } catch (err) {
    throw new GraphQLError((err as Error).message, { nodes: node, extensions: { code: CODE.input } });
  }
}

// Exact for every integer a JSON number carries (|n| <= 2^53 - 1); Graph's Int64 `asn` fits.
const safeInt = GraphQLSafeInt.toConfig();
export const SafeInt = new GraphQLScalarType({
  ...safeInt,
  parseValue: (value) => asUserInput(() => safeInt.parseValue!(value)),
  parseLiteral: (node, variables) => asUserInput(() => safeInt.parseLiteral!(node, variables), node),
});
