import { GraphQLError, GraphQLScalarType, Kind, print } from 'graphql';
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
    return checked(node.value, 'input');
  },
});

// Exact for every integer a JSON number carries (|n| <= 2^53 - 1); Graph's Int64 `asn` fits.
export const SafeInt = GraphQLSafeInt;
