/**
 * Bounds the GraphQL requests executing at once: memory per request is bounded elsewhere (body limit,
 * Graph bytes per request), so this bounds the process. Past the cap a request waits in line, first
 * come first served, for at most `queueMs`; the line is at most as long as the cap.
 */
export class InFlightLimit {
  private active = 0;
  private readonly line: (() => void)[] = [];

  constructor(
    readonly max: number,
    private readonly queueMs: number,
  ) {}

  /** True with a slot (release it once), false when none freed up in time. */
  acquire(): Promise<boolean> {
    if (this.active < this.max) {
      this.active += 1;
      return Promise.resolve(true);
    }
    if (this.queueMs === 0 || this.line.length >= this.max) return Promise.resolve(false);
    return new Promise((resolve) => {
      // The slot is handed over on release: `active` stays the same.
      const admit = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.line.splice(this.line.indexOf(admit), 1);
        resolve(false);
      }, this.queueMs);
      this.line.push(admit);
    });
  }

  release(): void {
    const next = this.line.shift();
    if (next) next();
    else this.active -= 1;
  }
}
