import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type ParseOptions,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import { OperationLimitError } from '../errors.js';

// Abuse limits: one request must not become hundreds of Graph calls or tie up the gateway. Every limit
// is checked while parsing or validating, so a refused operation sends nothing to Graph. Every count
// sees through inline and named fragments, and counts fields behind @include/@skip as if included:
// a directive's variable must not decide what the limit sees.

export interface OperationLimits {
  /** Deepest field nesting (introspection exempt). */
  readonly maxDepth: number;
  /** Aliased fields per operation; aliases of `_entities` are exempt (routers alias one per fetch). */
  readonly maxAliases: number;
  /** Lexical tokens per document: bounds parser work before anything else runs. */
  readonly maxTokens: number;
  /** Root fields that call Graph, per operation (queries and mutations); all `_entities` fields count as one. */
  readonly maxGraphRootFields: number;
  /** Representations across every `_entities` field of an operation: each is a Graph read, 20 to a `$batch`. */
  readonly maxEntities: number;
}

export interface LimitProtection {
  readonly parseOptions: ParseOptions;
  readonly validationRules: ValidationRule[];
  readonly plugins: ApolloServerPlugin<BaseContext>[];
  readonly maxEntities: number;
}

// A router merges the entity fetches of one client query into one operation, one aliased `_entities`
// field per fetch; they all share the request's loader, so together they cost one `$batch` wave.
const ENTITIES = '_entities';

export function operationLimits(limits: OperationLimits): LimitProtection {
  // graphql-armor's depth rule, reporting our coded error instead of its bare one.
  const armor = new ApolloArmor({
    maxDepth: {
      n: limits.maxDepth,
      flattenFragments: true,
      propagateOnRejection: false,
      onReject: [(ctx, err) => ctx?.reportError(new OperationLimitError('depth', limits.maxDepth, err.message))],
    },
    // Aliases are counted below (armor's rule cannot exempt `_entities`); graphql-js's own parser limit
    // is used for tokens (errors.ts recognises its refusal); the others do not fit here: cost needs per-field weights,
    // directives are not a vector, and Sandbox wants field suggestions.
    maxAliases: { enabled: false },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    maxDirectives: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    // Only armor's validation rules: its plugins serve the token limit, which is off here.
    validationRules: [...armor.validationRules, aliasLimit(limits.maxAliases), graphRootFieldLimit(limits.maxGraphRootFields)],
    plugins: [entityLimit(limits.maxEntities)],
    maxEntities: limits.maxEntities,
  };
}

type FragmentOf = (name: string) => FragmentDefinitionNode | undefined;

/** Every root field of a selection set, through inline fragments and each named fragment once. */
function rootFields(set: SelectionSetNode, fragmentOf: FragmentOf, seen = new Set<string>()): FieldNode[] {
  const fields: FieldNode[] = [];
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) fields.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) fields.push(...rootFields(selection.selectionSet, fragmentOf, seen));
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragmentOf(selection.name.value);
      if (fragment) fields.push(...rootFields(fragment.selectionSet, fragmentOf, seen));
    }
  }
  return fields;
}

/** Aliases per operation, each spread of a fragment counted (memoised, so nesting stays linear). */
function aliasLimit(max: number): ValidationRule {
  return (context) => {
    const perFragment = new Map<string, number>();
    const count = (set: SelectionSetNode, path: ReadonlySet<string>): number => {
      let n = 0;
      for (const s of set.selections) {
        if (s.kind === Kind.FIELD) {
          if (s.alias && s.name.value !== ENTITIES) n += 1;
          if (s.selectionSet) n += count(s.selectionSet, path);
        } else if (s.kind === Kind.INLINE_FRAGMENT) n += count(s.selectionSet, path);
        else {
          const name = s.name.value;
          // A cycle is reported by graphql-js's own rule; here it just stops.
          if (path.has(name)) continue;
          let inFragment = perFragment.get(name);
          if (inFragment === undefined) {
            const fragment = context.getFragment(name);
            inFragment = fragment ? count(fragment.selectionSet, new Set([...path, name])) : 0;
            perFragment.set(name, inFragment);
          }
          n += inFragment;
        }
      }
      return n;
    };
    return {
      OperationDefinition(node) {
        const n = count(node.selectionSet, new Set());
        if (n > max) context.reportError(new OperationLimitError('aliases', max, `Operation has ${n} aliases; at most ${max} are allowed.`));
      },
    };
  };
}

// Every root field but these calls Graph. Counting this way keeps a new root field limited by default.
const LOCAL_ROOT_FIELDS = new Set(['_service', '__typename', '__schema', '__type']);

/** Counts Graph-calling root fields per operation, aliases and fragments included; `_entities` fields as one. */
function graphRootFieldLimit(max: number): ValidationRule {
  return (context) => ({
    OperationDefinition(node) {
      const fields = rootFields(node.selectionSet, (name) => context.getFragment(name) ?? undefined).filter((f) => !LOCAL_ROOT_FIELDS.has(f.name.value));
      const entities = fields.some((f) => f.name.value === ENTITIES) ? 1 : 0;
      const count = fields.filter((f) => f.name.value !== ENTITIES).length + entities;
      if (count > max) {
        context.reportError(
          new OperationLimitError('graphRootFields', max, `Operation has ${count} root fields that call Microsoft Graph; at most ${max} are allowed.`),
        );
      }
    },
  });
}

/**
 * Each representation is a Graph read: a router can send thousands. They usually come in variables,
 * which validation cannot see, so the count is checked once the operation is resolved, still before
 * any resolver runs.
 */
function entityLimit(max: number): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request }) {
          if (!operation) return;
          const refusal = entityLimitRefusal(max, operation, document, request.variables);
          if (refusal) throw refusal;
        },
      };
    },
  };
}

/** The limit's error when the operation asks for more than `max` representations, else null (the compiled path asks too). */
export function entityLimitRefusal(
  max: number,
  operation: OperationDefinitionNode,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | undefined,
): OperationLimitError | null {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  let count = 0;
  for (const field of rootFields(operation.selectionSet, (name) => fragments.get(name))) {
    if (field.name.value === ENTITIES) count += representationsIn(field, operation, variables);
  }
  if (count <= max) return null;
  return new OperationLimitError('entities', max, `The operation asks for ${count} entity representations; at most ${max} are allowed.`, { status: 400 });
}

function representationsIn(field: FieldNode, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>> | undefined): number {
  const value = field.arguments?.find((a) => a.name.value === 'representations')?.value;
  if (value === undefined || value.kind === Kind.NULL) return 0;
  if (value.kind === Kind.LIST) return value.values.length;
  if (value.kind !== Kind.VARIABLE) return 1; // a single value is coerced to a list of one
  const name = value.name.value;
  const given = variables?.[name];
  if (given === undefined) {
    const fallback = operation.variableDefinitions?.find((v) => v.variable.name.value === name)?.defaultValue;
    return fallback === undefined || fallback.kind === Kind.NULL ? 0 : fallback.kind === Kind.LIST ? fallback.values.length : 1;
  }
  return Array.isArray(given) ? given.length : given === null ? 0 : 1;
}
