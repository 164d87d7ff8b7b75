import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  type GraphQLError,
  Kind,
  type ParseOptions,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { OperationLimitError, type LimitName } from '../errors.js';

// Abuse limits: one request must not become hundreds of Graph calls or tie up the gateway. Every limit
// is checked while parsing or validating, so a refused operation sends nothing to Graph.

export interface OperationLimits {
  /** Deepest field nesting (introspection exempt). */
  readonly maxDepth: number;
  /** Aliased fields per operation. */
  readonly maxAliases: number;
  /** Lexical tokens per document: bounds parser work before anything else runs. */
  readonly maxTokens: number;
  /** Root fields that call Graph, per operation (queries and mutations). */
  readonly maxGraphRootFields: number;
  /** Representations in one `_entities` call: each is a Graph read, 20 to a `$batch`. */
  readonly maxEntities: number;
}

export interface LimitProtection {
  readonly parseOptions: ParseOptions;
  readonly validationRules: ValidationRule[];
  readonly plugins: ApolloServerPlugin<BaseContext>[];
}

export function operationLimits(limits: OperationLimits): LimitProtection {
  // graphql-armor's depth and alias rules, reporting our coded error instead of its bare one.
  const report = (limit: LimitName, max: number) => (ctx: ValidationContext | null, err: GraphQLError) => {
    ctx?.reportError(new OperationLimitError(limit, max, err.message.replace(/^Syntax Error: /, '')));
  };
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true, propagateOnRejection: false, onReject: [report('depth', limits.maxDepth)] },
    maxAliases: { n: limits.maxAliases, propagateOnRejection: false, onReject: [report('aliases', limits.maxAliases)] },
    // graphql-js's own parser limit is used for tokens (errors.ts recognises its refusal); the others do not fit here:
    // cost needs per-field weights, directives are not a vector, and Sandbox wants field suggestions.
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    maxDirectives: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    // Only armor's validation rules: its plugins serve the token limit, which is off here.
    validationRules: [...armor.validationRules, graphRootFieldLimit(limits.maxGraphRootFields)],
    plugins: [entityLimit(limits.maxEntities)],
  };
}

/**
 * One `_entities` field is one root field, but each representation is a Graph read: a router can send
 * thousands. Representations usually come in a variable, which validation cannot see, so the count is
 * checked once the operation is resolved, still before any resolver runs.
 */
function entityLimit(max: number): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          for (const selection of operation?.selectionSet.selections ?? []) {
            if (selection.kind !== Kind.FIELD || selection.name.value !== '_entities') continue;
            const arg = selection.arguments?.find((a) => a.name.value === 'representations');
            let count = 0;
            if (arg?.value.kind === Kind.LIST) count = arg.value.values.length;
            else if (arg?.value.kind === Kind.VARIABLE) {
              const given = request.variables?.[arg.value.name.value];
              count = Array.isArray(given) ? given.length : 0;
            }
            if (count > max) {
              throw new OperationLimitError('entities', max, `_entities got ${count} representations; at most ${max} are allowed.`, { status: 400 });
            }
          }
        },
      };
    },
  };
}

// Every root field but these calls Graph. Counting this way keeps a new root field limited by default.
const LOCAL_ROOT_FIELDS = new Set(['_service', '__typename', '__schema', '__type']);

/** Counts Graph-calling root fields per operation, aliases and fragments included. */
function graphRootFieldLimit(max: number): ValidationRule {
  return (context) => ({
    OperationDefinition(node) {
      const count = countRootFields(context, node.selectionSet, new Set());
      if (count > max) {
        context.reportError(
          new OperationLimitError('graphRootFields', max, `Operation has ${count} root fields that call Microsoft Graph; at most ${max} are allowed.`),
        );
      }
    },
  });
}

function countRootFields(context: ValidationContext, set: SelectionSetNode, seen: Set<string>): number {
  let count = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (!LOCAL_ROOT_FIELDS.has(selection.name.value)) count += 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countRootFields(context, selection.selectionSet, seen);
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment) count += countRootFields(context, fragment.selectionSet, seen);
    }
  }
  return count;
}
