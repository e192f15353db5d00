import { AsyncLocalStorage } from 'node:async_hooks';

/** A count of bytes that may be held at once; `take` refuses instead of waiting. */
export class ByteBudget {
  private used = 0;

  constructor(public limit: number) {}

  get inUse(): number {
    return this.used;
  }

  take(bytes: number): boolean {
    if (this.used + bytes > this.limit) return false;
    this.used += bytes;
    return true;
  }

  give(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }
}

/** The budgets a backend body read charges: one for the client request, one for the whole gateway. */
export interface BufferBudgets {
  request: ByteBudget;
  global: ByteBudget;
}

const current = new AsyncLocalStorage<BufferBudgets>();

/** Runs one client request with its budgets; every backend read inside it charges them. */
export function withBufferBudgets<T>(budgets: BufferBudgets, fn: () => T): T {
  return current.run(budgets, fn);
}

/** The budgets of the request being served (none outside a request, e.g. in unit tests). */
export function currentBudgets(): BufferBudgets | undefined {
  return current.getStore();
}
