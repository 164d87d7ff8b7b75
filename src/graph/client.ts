import type { Pool } from 'undici';
import { ReadBudget } from './http/budget.js';
import { BudgetExhaustedError } from './http/errors.js';
import { GraphTransport } from './http/transport.js';
import type { GraphCaller, GraphEntity, GraphObserver } from './http/types.js';
import type { GraphRoot } from './odata/cursor.js';
import type { ListRequest } from './odata/listQuery.js';
import { getProfilesBatched, type ProfileResult } from './profiles/batch.js';
import { getProfile } from './profiles/get.js';
import { listProfiles, type ProfilePage } from './profiles/list.js';
import { updateProfile } from './profiles/update.js';
import { Deadline } from './resilience/deadline.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './resilience/policy.js';
import type { RetryScope } from './resilience/retry.js';

// The Graph client's face, and the top of its layers: http/ (one attempt, its answer, its errors)
// <- resilience/ (policy, deadline, retry) and odata/ (paths, options, cursors) <- profiles/ (the
// operations) <- here. Nothing below imports this file: the layers get a send function, not the client.

export type { GraphAnswer, GraphCaller, GraphEntity, GraphExchange, GraphObserver } from './http/types.js';
export type { ProfileResult } from './profiles/batch.js';
export type { ListRequest } from './odata/listQuery.js';
export type { ProfilePage } from './profiles/list.js';

export interface GraphClientOptions {
  /** Graph's root with its version path, no trailing slash: `https://graph.microsoft.com/beta`. */
  readonly baseUrl: string;
  readonly timeoutMs: number;
  /** Retries, backoff and the per-request deadline; DEFAULT_RETRY_POLICY fills what is left out. */
  readonly retry?: Partial<RetryPolicy>;
  /** Told of every exchange (every attempt), success or failure. */
  readonly observer?: GraphObserver;
  /** Longest single answer read from Graph (bytes; default 8 MiB). */
  readonly answerMaxBytes?: number;
  /** Bytes one caller (one GraphQL request) may read from Graph across all its calls (default 8 MiB). */
  readonly requestReadBudgetBytes?: number;
  /** Keys list cursors are signed with, the signing one first; none leaves them unsigned. */
  readonly cursorKeys?: readonly string[];
}

const DEFAULT_REQUEST_READ_BUDGET_BYTES = 8 * 1024 * 1024;

// A read needs little to be worth starting; the deadline cuts it if Graph is slow (ms).
const MIN_READ_START_MS = 50;

/**
 * What a write needs left to start: a whole attempt, since a PATCH the deadline cuts mid-flight
 * leaves its outcome unknown; at most half the budget, so a timeout as long as the deadline still
 * lets a request's first write start.
 */
function writeStartMs(attemptMs: number, deadlineMs: number): number {
  return Math.min(attemptMs, deadlineMs / 2);
}

/** One per process: owns the pooled connection to Graph's origin and the retry policy. */
export class GraphClient {
  private readonly transport: GraphTransport;
  private readonly policy: RetryPolicy;
  /** What one request may read from Graph (GRAPH_REQUEST_BUDGET_BYTES), in bytes. */
  readonly readBudgetBytes: number;
  private readonly root: GraphRoot;

  constructor(options: GraphClientOptions) {
    this.transport = new GraphTransport(options);
    this.policy = Object.freeze({ ...DEFAULT_RETRY_POLICY, ...options.retry });
    this.readBudgetBytes = options.requestReadBudgetBytes ?? DEFAULT_REQUEST_READ_BUDGET_BYTES;
    this.root = Object.freeze({ origin: this.transport.origin, basePath: this.transport.basePath, cursorKeys: Object.freeze([...(options.cursorKeys ?? [])]) });
  }

  /** The pool's sockets and requests right now (connected, free, pending, queued, running, size). */
  get poolStats(): Pool['stats'] {
    return this.transport.poolStats;
  }

  /** The request's deadline for a request starting now (`GraphCaller.deadlineAt`). */
  deadlineFromNow(): number {
    return performance.now() + this.policy.deadlineMs;
  }

  /** Graph calls on behalf of one caller: their token, request id, signal and trace headers on each. */
  forCaller(caller: GraphCaller): GraphSession {
    return new GraphSession(this.transport, this.policy, caller, new ReadBudget(this.readBudgetBytes), this.root);
  }

  async close(): Promise<void> {
    await this.transport.close();
  }
}

/**
 * Graph's operations for one caller. All of them share the request's one deadline: a field that
 * starts with too little of it left fails at once and sends nothing.
 */
export class GraphSession {
  constructor(
    private readonly transport: GraphTransport,
    private readonly policy: RetryPolicy,
    private readonly caller: GraphCaller,
    /** One per session, so one per GraphQL request: every call of the request counts against it. */
    private readonly budget: ReadBudget,
    /** What list cursors may name, and the keys they are signed with. */
    private readonly root: GraphRoot,
  ) {}

  /** `GET /security/ipSecurityProfiles/{id}`; `null` when Graph says 404. See profiles/get.ts. */
  async getProfile(id: string, select?: readonly string[]): Promise<GraphEntity | null> {
    return this.withDeadline('read', (scope) => getProfile(scope, id, select));
  }

  /** Many profiles through `POST /$batch` (20 per batch, in parallel); each id asked once. See profiles/batch.ts. */
  async getProfiles(ids: readonly string[], select: readonly string[]): Promise<Map<string, ProfileResult>> {
    return this.withDeadline('read', (scope) => getProfilesBatched(scope, ids, select));
  }

  /** One page of `GET /security/ipSecurityProfiles`, or the page a cursor names. See profiles/list.ts. */
  async listProfiles(request: ListRequest): Promise<ProfilePage> {
    return this.withDeadline('read', (scope) => listProfiles(scope, request, this.root));
  }

  /** `PATCH /security/ipSecurityProfiles/{id}`, the updated entity back. See profiles/update.ts. */
  async updateProfile(id: string, body: GraphEntity): Promise<GraphEntity> {
    return this.withDeadline('write', (scope) => updateProfile(scope, id, body));
  }

  private async withDeadline<T>(kind: 'read' | 'write', work: (scope: RetryScope) => Promise<T>): Promise<T> {
    const remainingMs = (this.caller.deadlineAt ?? performance.now() + this.policy.deadlineMs) - performance.now();
    const neededMs = kind === 'write' ? writeStartMs(this.transport.timeoutMs, this.policy.deadlineMs) : MIN_READ_START_MS;
    if (remainingMs < neededMs) {
      const error = new BudgetExhaustedError(Math.max(0, remainingMs), neededMs);
      if (kind === 'write') error.outcome = 'not_applied';
      throw error;
    }
    const { deadlineAt, signal, signalEndsAtDeadline } = this.caller;
    const deadline = signalEndsAtDeadline && deadlineAt !== undefined && signal ? Deadline.shared(deadlineAt, signal) : Deadline.timed(remainingMs, signal);
    try {
      return await work({
        send: (call) => this.transport.send({ ...call, caller: this.caller, budget: this.budget }),
        policy: this.policy,
        deadline,
        attemptTimeoutMs: this.transport.timeoutMs,
      });
    } finally {
      deadline.dispose();
    }
  }
}
