import { ReadBudgetExceededError } from './errors.js';
import type { ByteBudget } from './types.js';

// What one GraphQL request may read from Graph, across all its Graph calls: without it, memory per
// request grows with fields × pages (ten list fields over 7.5 MB pages once took a process to 1 GB).

/** The bytes read on behalf of one GraphQL request, against its budget. Counted as chunks arrive. */
export class ReadBudget implements ByteBudget {
  private used = 0;

  constructor(
    /** Bytes of Graph's answers one request may read in all (bytes). */
    readonly maxBytes: number,
  ) {}

  /** Throws before a call is sent once the budget is spent: nothing more would be read anyway. */
  checkBeforeSend(): void {
    if (this.used >= this.maxBytes) throw new ReadBudgetExceededError(this.maxBytes);
  }

  refund(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }

  /** Counts a chunk just read; throws when the request is past its budget. */
  take(bytes: number): void {
    this.used += bytes;
    if (this.used > this.maxBytes) throw new ReadBudgetExceededError(this.maxBytes);
  }
}
