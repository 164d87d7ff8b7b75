import { isSuccess } from '../http/answers.js';
import type { Attempt } from './retry.js';
import { NOT_SENT_FAILURES, RETRIABLE_FAILURES } from './policy.js';

// What one PATCH attempt proves about Graph's store: the write-outcome table of docs/resilience.md,
// as one pure function. A write is retried only when Graph certainly did not process it; a request
// that may have reached Graph can land at any later time, so it is never sent again.

export type WriteVerdict =
  /** 2xx with its body read: the answer stands. */
  | 'answered'
  /** A 2xx status and headers arrived, the body did not (cut, too large, too slow): applied. */
  | 'acknowledged'
  /** 429, 503, or a connection that never opened: Graph did not process it; another attempt may do. */
  | 'retry'
  /** Graph did not process it and another attempt cannot help (the pool is closing). */
  | 'not_sent'
  /** Graph refused it (4xx): nothing applied. */
  | 'refused'
  /** It may have reached Graph (502, 504, other 5xx, a reset or timeout once sent): read back once, never replay. */
  | 'ambiguous'
  /** It may have reached Graph and the deadline or the caller ended it: no time to look. */
  | 'cut';

export function writeVerdict(result: Attempt, deadlineEnded: boolean): WriteVerdict {
  if ('answer' in result) {
    const { status } = result.answer;
    if (isSuccess(status)) return 'answered';
    if (status === 429 || status === 503) return 'retry';
    if (status < 500) return 'refused';
    return 'ambiguous';
  }
  const { answeredStatus, causeCode } = result.failure;
  if (answeredStatus !== null && isSuccess(answeredStatus)) return 'acknowledged';
  if (NOT_SENT_FAILURES.has(causeCode)) return RETRIABLE_FAILURES.has(causeCode) && !deadlineEnded ? 'retry' : 'not_sent';
  return deadlineEnded ? 'cut' : 'ambiguous';
}
