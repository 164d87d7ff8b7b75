import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { getOperationAST, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { JitQuery } from './jit.js';

/** One operation of a planned document, as Apollo's pipeline resolves it for an operation name. */
export interface OperationPlan {
  readonly operation: OperationDefinitionNode;
  /** Apollo's `requestContext.operationName`: the operation's own name, null when anonymous. */
  readonly name: string | null;
  readonly type: string;
  /** Whether the entity limit must count representations (only documents that mention `_entities`). */
  readonly entities: boolean;
  /**
   * graphql-jit's compiled operation, made on first compiled use (jit.ts); null where graphql-js
   * `execute` answers it (jitEligible.ts says which and why, or jit refused to compile it).
   */
  executor?: JitQuery | null;
}

export interface Plan {
  readonly document: DocumentNode;
  operation(name: string | undefined): OperationPlan | null;
}

// Documents are client text: bounded in number and in total size, least recently used first out.
const MAX_PLANS = 500;
const MAX_PLANNED_CHARS = 4 * 1024 * 1024;

/**
 * Documents Apollo parsed and validated, keyed by their text (a Map hashes it; no sha256 per request).
 * A plan is only ever made from a document Apollo itself validated with its own rules, so the compiled
 * path never has to know them.
 */
export class PlanCache {
  private readonly plans = new Map<string, Plan>();
  private chars = 0;
  private uses = 0;
  // When each plan was last moved to the end, in uses.
  private readonly movedAt = new WeakMap<Plan, number>();

  get(source: string): Plan | undefined {
    const plan = this.plans.get(source);
    if (plan === undefined) return undefined;
    // Most recently used last: Map keeps insertion order. A plan moved fewer than size/2 uses ago
    // (gets and records both count) still has the newer half of the cache behind it, so it is left where
    // it is: moving the one hot document on every request was a Map delete and set per request.
    this.uses += 1;
    if (this.uses - (this.movedAt.get(plan) ?? -Infinity) > this.plans.size / 2) {
      this.plans.delete(source);
      this.plans.set(source, plan);
      this.movedAt.set(plan, this.uses);
    }
    return plan;
  }

  get size(): number {
    return this.plans.size;
  }

  record(source: string, document: DocumentNode): void {
    if (this.plans.has(source) || source.length > MAX_PLANNED_CHARS) return;
    this.uses += 1;
    const plan = planOf(document, source.includes('_entities'));
    this.plans.set(source, plan);
    this.movedAt.set(plan, this.uses);
    this.chars += source.length;
    for (const oldest of this.plans.keys()) {
      if (this.plans.size <= MAX_PLANS && this.chars <= MAX_PLANNED_CHARS) break;
      this.plans.delete(oldest);
      this.chars -= oldest.length;
    }
  }

  /** Records every document that passed Apollo's parse and validation (didResolveOperation runs only then). */
  recorder(): ApolloServerPlugin<BaseContext> {
    return {
      requestDidStart: async () => ({
        didResolveOperation: async ({ source, document }) => this.record(source, document),
      }),
    };
  }
}

function planOf(document: DocumentNode, entities: boolean): Plan {
  const byName = new Map<string | undefined, OperationPlan | null>();
  return {
    document,
    operation(name) {
      let plan = byName.get(name);
      if (plan === undefined) {
        const operation = getOperationAST(document, name);
        plan = operation ? { operation, name: operation.name?.value || null, type: operation.operation, entities } : null;
        // Names are client text too: only the document's own operations (and none) are remembered.
        if (operation || byName.size < 8) byName.set(name, plan);
      }
      return plan;
    },
  };
}
