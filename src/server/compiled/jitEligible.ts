import { Kind, visit, type ASTNode, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode, isNonNullType } from 'graphql';

/**
 * Whether graphql-jit answers an operation exactly as graphql-js `execute` does, decided once per plan
 * from the document (never per request). Each refusal is a difference found in graphql-jit 0.8.9's
 * source (node_modules/graphql-jit/dist) that would show in an answer or in what reaches Graph:
 *
 * - subscriptions: not served by the compiled path at all;
 * - `__schema` / `__type` (introspection): graphql-js's own resolvers over deeply non-null types, where
 *   jit's error order and null propagation differ (below); not worth a second implementation;
 * - `@skip` / `@include`: jit stores their conditions on the document's field nodes and joins them
 *   across every place a fragment is spread, so one spread's condition leaks into another's;
 * - a variable nested in a literal (`input: { tags: $tags }`): jit fills an unprovided one with `null`
 *   where graphql-js leaves the field out, and an update would clear what it should not touch;
 * - a non-null root field beside another root field: jit reports errors of non-null fields after all
 *   others, and completes siblings that graphql-js abandons, so the errors' order and number differ.
 *   Below the root our non-null fields cannot fail (`id` is always a string, fromGraph.ts; `nodes` and
 *   `pageInfo` are built by the resolver), so one fallible root field means at most one such error.
 */
export function jitEligible(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): boolean {
  if (operation.operation === 'subscription') return false;
  if (!documentIsPlain(document)) return false;
  const rootType = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!rootType) return false;
  const fields = rootType.getFields();
  const roots = rootFieldNames(document, operation.selectionSet).filter((name) => name !== '__typename');
  const nonNull = roots.some((name) => fields[name] !== undefined && isNonNullType(fields[name]!.type));
  return !nonNull || roots.length <= 1;
}

function documentIsPlain(document: DocumentNode): boolean {
  let plain = true;
  visit(document, {
    Directive(node) {
      if (node.name.value === 'skip' || node.name.value === 'include') plain = false;
    },
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') plain = false;
    },
    Argument(node) {
      if (node.value.kind !== Kind.VARIABLE && containsVariable(node.value)) plain = false;
    },
  });
  return plain;
}

function containsVariable(node: ASTNode): boolean {
  let found = false;
  visit(node, {
    Variable() {
      found = true;
    },
  });
  return found;
}

/** The root fields' names, fragments at the root flattened, one entry per field node. */
function rootFieldNames(document: DocumentNode, selectionSet: SelectionSetNode, seen = new Set<string>()): string[] {
  const names: string[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) names.push(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) names.push(...rootFieldNames(document, selection.selectionSet, seen));
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value);
      if (fragment?.kind === Kind.FRAGMENT_DEFINITION) names.push(...rootFieldNames(document, fragment.selectionSet, seen));
    }
  }
  return names;
}
