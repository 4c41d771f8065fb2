/**
 * The process supervisor behind `npm start`: runs the newsroom's processes side by side. A
 * process marked `restart` (the collaboration server) is started again with exponential backoff
 * when it dies, while the others keep running; when any other process (the web app) exits,
 * everything is stopped and the supervisor finishes with a non-zero code.
 */
import {
  spawn,
  type ChildProcess,
  type StdioOptions,
} from "node:child_process";

export interface ServiceSpec {
  /** For log lines: "collaboration server", "web app". */
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** Restart this one when it dies; otherwise its exit stops everything. */
  restart: boolean;
  stdio?: StdioOptions;
}

export interface BackoffOptions {
  /** Delay before the first restart. */
  initialMs: number;
  /** The delay doubles after each quick crash up to this. */
  maxMs: number;
  /** A process that stayed up this long counts as healthy: the next delay starts over. */
  resetAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = {
  initialMs: 500,
  maxMs: 30_000,
  resetAfterMs: 60_000,
};

/** The restart delays of one service: doubling after each quick crash, reset after a long run. */
export class Backoff {
  private nextMs: number;
  constructor(private readonly options: BackoffOptions = DEFAULT_BACKOFF) {
    this.nextMs = options.initialMs;
  }

  /** The delay before restarting a process that ran for `uptimeMs` before it died. */
  delayAfter(uptimeMs: number): number {
    if (uptimeMs >= this.options.resetAfterMs)
      this.nextMs = this.options.initialMs;
    const delay = this.nextMs;
    this.nextMs = Math.min(this.nextMs * 2, this.options.maxMs);
    return delay;
  }
}

export interface SupervisorLog {
  info(message: string): void;
  error(message: string): void;
}

export interface Supervisor {
  /** The running child of a service, if it is running now. */
  child(name: string): ChildProcess | undefined;
  /** How many times a service was restarted. */
  restarts(name: string): number;
  /** Stops every process (SIGTERM, SIGKILL after the grace time); resolves with `code`. */
  stop(code: number): Promise<number>;
  /** Settles with the supervisor's exit code once everything has stopped. */
  readonly done: Promise<number>;
}

interface Running {
  spec: ServiceSpec;
  child?: ChildProcess;
  startedAt: number;
  restarts: number;
  backoff: Backoff;
  timer?: NodeJS.Timeout;
}

const consoleLog: SupervisorLog = {
  info: (m) => console.log(m),
  error: (m) => console.error(m),
};

function seconds(ms: number): string {
  return `${(ms / 1000).toLocaleString("en", { maximumFractionDigits: 1 })} s`;
}

export function supervise(
  specs: ServiceSpec[],
  options: {
    backoff?: BackoffOptions;
    log?: SupervisorLog;
    /** How long a process may take to stop on SIGTERM before it gets SIGKILL. */
    graceMs?: number;
  } = {},
): Supervisor {
  const log = options.log ?? consoleLog;
  const graceMs = options.graceMs ?? 5000;
  const services = new Map<string, Running>();
  let stopping: Promise<number> | null = null;
  let finish: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => (finish = resolve));

  const start = (service: Running) => {
    const { spec } = service;
    const child = spawn(spec.command, spec.args, {
      stdio: spec.stdio ?? "inherit",
      env: spec.env ?? process.env,
    });
    service.child = child;
    service.startedAt = Date.now();
    // A failed spawn (e.g. a missing executable) is reported as an exit with code null.
    child.on("error", (error) =>
      log.error(`${spec.name} could not run: ${error.message}`),
    );
    child.once("exit", (code, signal) => {
      if (service.child === child) service.child = undefined;
      if (stopping) return;
      const how = signal ?? `code ${code}`;
      if (!spec.restart) {
        log.error(`${spec.name} exited (${how}); stopping the newsroom.`);
        void stop(code || 1);
        return;
      }
      const delay = service.backoff.delayAfter(Date.now() - service.startedAt);
      service.restarts += 1;
      log.error(
        `${spec.name} exited (${how}); restarting it in ${seconds(delay)} (restart ${service.restarts}).`,
      );
      service.timer = setTimeout(() => {
        service.timer = undefined;
        if (!stopping) start(service);
      }, delay);
    });
  };

  const stop = (code: number): Promise<number> => {
    if (stopping) return stopping;
    stopping = (async () => {
      const exits: Promise<unknown>[] = [];
      for (const service of services.values()) {
        clearTimeout(service.timer);
        const child = service.child;
        if (!child || child.exitCode !== null || child.signalCode !== null)
          continue;
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        const kill = setTimeout(() => child.kill("SIGKILL"), graceMs);
        exits.push(exited.finally(() => clearTimeout(kill)));
      }
      await Promise.all(exits);
      finish(code);
      return code;
    })();
    return stopping;
  };

  for (const spec of specs) {
    const service: Running = {
      spec,
      startedAt: 0,
      restarts: 0,
      backoff: new Backoff(options.backoff),
    };
    services.set(spec.name, service);
    start(service);
  }

  return {
    child: (name) => services.get(name)?.child,
    restarts: (name) => services.get(name)?.restarts ?? 0,
    stop,
    done,
  };
}
