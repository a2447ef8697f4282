import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay on 127.0.0.1 for the demo province and its tests: round-robin over its targets (the load balancer in
 * front of two hub processes: each connection goes to the next target that answers), and a switch that cuts the link
 * (open connections are destroyed, new ones refused) and restores it — a commune's line going down and coming back.
 * Plain TCP, so HTTP and WebSocket pass alike; Socket.IO clients behind it use the WebSocket transport only, which
 * needs no sticky sessions.
 */
export class Relay {
  private server: Server | null = null;
  private readonly open = new Set<Socket>();
  private next = 0;
  private cut = false;
  private stalled = false;
  private heldBytes = 0;

  constructor(private readonly targets: readonly number[]) {
    if (targets.length === 0) throw new Error('a relay needs a target');
  }

  /** Listens on `port` (0 = a free one) and returns it. */
  async listen(port = 0): Promise<number> {
    const server = createServer((client) => this.accept(client));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    return typeof address === 'object' && address ? address.port : port;
  }

  get isCut(): boolean {
    return this.cut;
  }

  /** Cuts the link: every open connection ends now, new ones are dropped until `restore()`. */
  cutLink(): void {
    this.cut = true;
    for (const s of this.open) s.destroy();
    this.open.clear();
  }

  /**
   * Stalls the link: connections are accepted and what they send vanishes, nothing ever answers — a request caught
   * in flight, as on a line that drops packets (open connections end first). `restore()` ends the stalled connections and the link works again.
   */
  stall(): void {
    // Connections already piped through would go on working: they end, and their next ones stall.
    for (const s of this.open) s.destroy();
    this.open.clear();
    this.stalled = true;
  }

  /** Bytes swallowed by the stalled link so far: above zero once a request is caught in flight. */
  get stalledBytes(): number {
    return this.heldBytes;
  }

  restore(): void {
    if (this.stalled) {
      for (const s of this.open) s.destroy();
      this.open.clear();
    }
    this.cut = false;
    this.stalled = false;
    this.heldBytes = 0;
  }

  async close(): Promise<void> {
    this.cutLink();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    client.on('error', () => client.destroy());
    if (this.cut) {
      client.destroy();
      return;
    }
    this.track(client);
    if (this.stalled) {
      client.on('data', (d: Buffer) => (this.heldBytes += d.length));
      return;
    }
    this.connect(client, 0);
  }

  /** Tries the targets in turn from the next one; a target that refuses (a killed hub process) is skipped. */
  private connect(client: Socket, tried: number): void {
    if (tried >= this.targets.length || client.destroyed) {
      client.destroy();
      return;
    }
    const port = this.targets[this.next++ % this.targets.length] ?? 0;
    const upstream = createConnection({ port, host: '127.0.0.1' });
    const refused = () => this.connect(client, tried + 1);
    upstream.once('error', refused);
    upstream.once('connect', () => {
      upstream.off('error', refused);
      upstream.on('error', () => upstream.destroy());
      if (this.cut || client.destroyed) {
        upstream.destroy();
        return;
      }
      this.track(upstream);
      upstream.on('close', () => client.destroy());
      client.on('close', () => upstream.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
    });
  }

  private track(s: Socket): void {
    this.open.add(s);
    s.on('close', () => this.open.delete(s));
  }
}
