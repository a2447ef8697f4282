/**
 * What the actors wait on, so no loop spins and no wait stands in for an event: the run paused (a convergence
 * check), the server down (between a kill and its restart), a ticket issued for a counter's services, the printer
 * being switched, the run stopped. Each wait resolves on the change itself.
 */
export class Control {
  private paused = false;
  private stopped = false;
  private down = false;
  private inFlight = 0;
  private idleOfficers = 0;
  private signedIn = 0;
  private printsInFlight = 0;
  private printGate: Promise<void> | null = null;
  /** Per service: tickets acknowledged so far (an officer compares it before and after a 204). */
  private readonly versions = new Map<number, number>();
  private readonly serviceWaiters = new Map<number, Set<() => void>>();
  /** Woken on every change of pause, down, stop, in-flight count, idle count and printing. */
  private waiters: (() => void)[] = [];

  private changed(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  private next(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Waits until `pred` holds, re-checked at each change. */
  async until(pred: () => boolean): Promise<void> {
    while (!pred()) await this.next();
  }

  /** Resolves true when the actor may go on, false once the run stops. */
  async ready(): Promise<boolean> {
    await this.until(() => this.stopped || (!this.paused && !this.down));
    return !this.stopped;
  }

  /**
   * After a failed connection: waits for the restart when a kill is under way; otherwise (a connection reset
   * while the server is up, e.g. a keep-alive socket closed by the server) retries after a short back-off.
   */
  async up(): Promise<void> {
    if (this.down) return this.until(() => this.stopped || !this.down);
    await new Promise((r) => setTimeout(r, 50));
  }

  setDown(down: boolean): void {
    this.down = down;
    this.changed();
    if (!down) this.wakeAll();
  }

  begin(): void {
    this.inFlight += 1;
  }

  inFlightNow(): number {
    return this.inFlight;
  }

  end(): void {
    this.inFlight -= 1;
    if (this.inFlight === 0) this.changed();
  }

  /** Stops new commands and waits for those on the wire: the server's state is still. */
  async quiesce(): Promise<void> {
    this.paused = true;
    this.changed();
    await this.until(() => this.inFlight === 0);
  }

  resume(): void {
    this.paused = false;
    this.changed();
  }

  stop(): void {
    this.stopped = true;
    this.changed();
    this.wakeAll();
  }

  isStopped(): boolean {
    return this.stopped;
  }

  officerReady(): void {
    this.signedIn += 1;
    this.changed();
  }

  async officersSignedIn(n: number): Promise<void> {
    await this.until(() => this.signedIn >= n || this.stopped);
  }

  issued(serviceId: number): void {
    this.versions.set(serviceId, (this.versions.get(serviceId) ?? 0) + 1);
    const set = this.serviceWaiters.get(serviceId);
    if (set?.size) {
      this.serviceWaiters.set(serviceId, new Set());
      for (const f of set) f();
    }
    const any = this.serviceWaiters.get(0);
    if (any?.size) {
      this.serviceWaiters.set(0, new Set());
      for (const f of any) f();
    }
  }

  version(serviceIds: readonly number[]): number {
    return serviceIds.reduce((n, id) => n + (this.versions.get(id) ?? 0), 0);
  }

  /**
   * An officer whose call found nobody: counted idle until a ticket of one of its services is acknowledged
   * after `seen` (then it calls again), the server restarts, or the run stops.
   */
  async idle(serviceIds: readonly number[], seen: number): Promise<void> {
    if (this.version(serviceIds) !== seen || this.stopped) return;
    this.idleOfficers += 1;
    this.changed();
    await new Promise<void>((resolve) => {
      const done = () => {
        this.wakers.delete(done);
        resolve();
      };
      for (const id of serviceIds) {
        const set = this.serviceWaiters.get(id) ?? new Set();
        set.add(done);
        this.serviceWaiters.set(id, set);
      }
      this.wakers.add(done);
    });
    this.idleOfficers -= 1;
    this.changed();
  }

  private readonly wakers = new Set<() => void>();

  /** Everyone idle calls again (after a restart tickets may wait that no kiosk announced). */
  wakeAll(): void {
    const w = [...this.wakers];
    this.wakers.clear();
    for (const f of w) f();
    for (const [id, set] of this.serviceWaiters) {
      this.serviceWaiters.set(id, new Set());
      for (const f of set) f();
    }
  }

  /** Resolves once `n` officers are idle at the same time (nobody waits for any served service). */
  async allIdle(n: number): Promise<void> {
    await this.until(() => this.idleOfficers >= n || this.stopped);
  }

  /** A phone waits for the first ticket it can follow. */
  anyIssued(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const set = this.serviceWaiters.get(0) ?? new Set();
      set.add(resolve);
      this.serviceWaiters.set(0, set);
      this.wakers.add(resolve);
    });
  }

  /** A kiosk's print: held while the printer is being switched; returns the release. */
  async printing(): Promise<() => void> {
    while (this.printGate) await this.printGate;
    this.printsInFlight += 1;
    return () => {
      this.printsInFlight -= 1;
      this.changed();
    };
  }

  /** Switches the printer between prints, never during one (so every print reply has one known state). */
  async switchPrinter(fn: () => void): Promise<void> {
    let open = () => undefined as void;
    this.printGate = new Promise<void>((r) => (open = r));
    await this.until(() => this.printsInFlight === 0);
    fn();
    this.printGate = null;
    open();
  }
}
