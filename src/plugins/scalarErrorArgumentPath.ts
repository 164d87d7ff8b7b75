import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { BREAK, GraphQLError, Kind, visit, type ASTNode, type DocumentNode } from 'graphql';

/**
 * A scalar refusing a literal argument (`input: { firstSeenDateTime: "2016-02-30T00:00:00Z" }`)
 * reports only the value: graphql-js does not tell a scalar which field it is parsing. This names
 * the argument path in the message (`input.firstSeenDateTime`, `input.ipReferenceData[0].asn`), as
 * graphql-js already does for the same value sent in a variable.
 */
export function addArgumentPathToScalarErrors(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async validationDidStart({ document }) {
          return async (errors) => {
            for (const error of errors ?? []) {
              if (!(error instanceof GraphQLError) || !isScalarRefusal(error)) continue;
              const path = pathOf(document, error.nodes?.[0]);
              if (path) error.message = `Invalid value at "${path}": ${error.message}`;
            }
          };
        },
      };
    },
  };
}

// Our scalars mark their refusals BAD_USER_INPUT; graphql-js reports them as the rule's own error.
function isScalarRefusal(error: GraphQLError): boolean {
  return error.extensions?.code === 'BAD_USER_INPUT';
}

/** `arg.field[index].field` for a value node inside a field argument, or null. */
function pathOf(document: DocumentNode, target: ASTNode | undefined): string | null {
  if (!target) return null;
  let found: string | null = null;
  visit(document, {
    enter(node, _key, parent, path, ancestors) {
      if (node !== target) return undefined;
      const parts: string[] = [];
      // graphql-js leaves the parent out of `ancestors`; path[i] leads from chain[i] to chain[i + 1].
      const chain = [...(ancestors as readonly (ASTNode | readonly ASTNode[])[]), parent as ASTNode | readonly ASTNode[], node];
      chain.forEach((step, i) => {
        if (Array.isArray(step)) return;
        const n = step as ASTNode;
        if (n.kind === Kind.ARGUMENT) parts.push(n.name.value);
        else if (n.kind === Kind.OBJECT_FIELD) parts.push(`.${n.name.value}`);
        else if (n.kind === Kind.LIST) {
          // The next path key past the list's `values` is the item's index.
          const index = path[i + 1];
          if (typeof index === 'number') parts.push(`[${index}]`);
        }
      });
      found = parts.join('') || null;
      return BREAK;
    },
  });
  return found;
}
