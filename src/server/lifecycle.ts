/**
 * Where the process is in its life: readiness probes and graceful shutdown both read this one
 * state, so a load balancer stops sending work the moment draining begins.
 */
export type Phase = 'starting' | 'ready' | 'draining' | 'stopped';

export class Lifecycle {
  private current: Phase = 'starting';

  get phase(): Phase {
    return this.current;
  }

  get ready(): boolean {
    return this.current === 'ready';
  }

  markReady(): void {
    if (this.current === 'starting') this.current = 'ready';
  }

  beginDrain(): void {
    if (this.current !== 'stopped') this.current = 'draining';
  }

  markStopped(): void {
    this.current = 'stopped';
  }
}
