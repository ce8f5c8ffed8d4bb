// The simulation clock. A timer runs only while something is in progress, is
// unref()'d so it never keeps the process alive, and can be paused so tests
// drive every step themselves with step().

export class Engine {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private paused = false;
  private stopped = false;
  ticks = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly tick: () => void,
    private readonly busy: () => boolean,
  ) {}

  /** Arms the timer if there is work and it is allowed to run; call after every change. */
  kick(): void {
    if (this.timer || this.paused || this.stopped || !this.busy()) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.runTick();
      this.kick();
    }, this.intervalMs);
    this.timer.unref?.();
  }

  step(n: number): void {
    for (let i = 0; i < n; i++) this.runTick();
    this.kick();
  }

  pause(): void {
    this.paused = true;
    this.disarm();
  }

  resume(): void {
    this.paused = false;
    this.kick();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  get armed(): boolean {
    return this.timer !== undefined;
  }

  stop(): void {
    this.stopped = true;
    this.disarm();
  }

  private runTick(): void {
    this.ticks++;
    this.tick();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
