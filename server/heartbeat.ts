/**
 * Keepalive looks, spread over the interval: every socket is looked at (and pinged if silent:
 * Connection.heartbeat) once per `intervalMs`, but a tick looks at only one of `SLOTS` slices of
 * them. Pinging every socket at once blocked the event loop for 3–5 ms every 2 s at 400
 * sockets, and the keystrokes arriving meanwhile waited.
 * A tick that runs late (the process was held up) judges nobody: timers run before the sockets
 * are read, so the pongs that arrived meanwhile are still unread.
 */
const SLOTS = 20;

export interface Beating {
  heartbeat(excused?: boolean): void;
}

export class Heartbeats<T extends Beating> {
  private readonly slots: Array<Set<T>> = Array.from(
    { length: SLOTS },
    () => new Set<T>(),
  );
  private readonly slotOf = new Map<T, Set<T>>();
  private next = 0;
  private turn = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs: number) {
    const tickMs = intervalMs / SLOTS;
    let last = performance.now();
    this.timer = setInterval(() => {
      const now = performance.now();
      const late = now - last > 2 * tickMs + 50;
      last = now;
      for (const member of this.slots[this.turn]!) member.heartbeat(late);
      this.turn = (this.turn + 1) % SLOTS;
    }, tickMs);
    this.timer.unref();
  }

  add(member: T): void {
    const slot = this.slots[this.next]!;
    this.next = (this.next + 1) % SLOTS;
    slot.add(member);
    this.slotOf.set(member, slot);
  }

  delete(member: T): void {
    this.slotOf.get(member)?.delete(member);
    this.slotOf.delete(member);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** What a keepalive look decides for one socket. */
export type Verdict = "alive" | "ping" | "waiting" | "dead";

/**
 * One socket's keepalive, looked at twice per ping interval. A client heard from since the last
 * look is alive and is not pinged: a busy story's sockets carry no pings at all. A silent one is
 * pinged, and dead if nothing comes back for a whole interval (two more looks), so a dead peer
 * goes within two intervals of its last frame.
 */
export class Keepalive {
  /** The client was heard from (any frame, a pong too) since the last look. */
  private heard = true;
  /** Looks since an unanswered ping was sent; null when none is outstanding. */
  private looksSincePing: number | null = null;

  heardFrom(): void {
    this.heard = true;
  }

  /** `unjudged`: the socket is not being read, or we were held up; it counts as heard from. */
  look(unjudged: boolean): Verdict {
    if (this.heard || unjudged) {
      this.heard = false;
      this.looksSincePing = null;
      return "alive";
    }
    if (this.looksSincePing === null) {
      this.looksSincePing = 0;
      return "ping";
    }
    this.looksSincePing += 1;
    return this.looksSincePing < 2 ? "waiting" : "dead";
  }
}
