/** A tiny Prometheus text-format registry: counters, gauges and histograms. */
interface Metric {
  render(): string;
}

class Counter implements Metric {
  private value = 0;
  constructor(
    private readonly name: string,
    private readonly help: string,
  ) {}
  inc(by = 1): void {
    this.value += by;
  }
  get(): number {
    return this.value;
  }
  render(): string {
    return `# HELP ${this.name} ${this.help}\n# TYPE ${this.name} counter\n${this.name} ${this.value}\n`;
  }
}

class Gauge implements Metric {
  private value = 0;
  constructor(
    private readonly name: string,
    private readonly help: string,
  ) {}
  set(value: number): void {
    this.value = value;
  }
  inc(by = 1): void {
    this.value += by;
  }
  dec(by = 1): void {
    this.value -= by;
  }
  get(): number {
    return this.value;
  }
  render(): string {
    return `# HELP ${this.name} ${this.help}\n# TYPE ${this.name} gauge\n${this.name} ${this.value}\n`;
  }
}

class Histogram implements Metric {
  private readonly counts: number[];
  private sum = 0;
  private count = 0;
  constructor(
    private readonly name: string,
    private readonly help: string,
    private readonly buckets: number[],
  ) {
    this.counts = buckets.map(() => 0);
  }
  observe(value: number): void {
    this.sum += value;
    this.count += 1;
    this.buckets.forEach((b, i) => {
      if (value <= b) this.counts[i]! += 1;
    });
  }
  render(): string {
    const lines = [
      `# HELP ${this.name} ${this.help}`,
      `# TYPE ${this.name} histogram`,
    ];
    this.buckets.forEach((b, i) =>
      lines.push(`${this.name}_bucket{le="${b}"} ${this.counts[i]}`),
    );
    lines.push(
      `${this.name}_bucket{le="+Inf"} ${this.count}`,
      `${this.name}_sum ${this.sum}`,
      `${this.name}_count ${this.count}`,
    );
    return lines.join("\n") + "\n";
  }
}

const latencyBuckets = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
];

/** The collaboration server's metrics. */
export function createMetrics() {
  const metrics = {
    connections: new Gauge(
      "newsroom_collab_connections",
      "Open collaboration sockets",
    ),
    documents: new Gauge(
      "newsroom_collab_documents_loaded",
      "Documents loaded in memory",
    ),
    updates: new Counter(
      "newsroom_collab_updates_total",
      "Document updates applied",
    ),
    refusedUpdates: new Counter(
      "newsroom_collab_refused_updates_total",
      "Updates refused from read-only sockets",
    ),
    refusedConnections: new Counter(
      "newsroom_collab_refused_connections_total",
      "Connections refused at upgrade",
    ),
    commitLatency: new Histogram(
      "newsroom_collab_commit_seconds",
      "Time to commit a batch of updates",
      latencyBuckets,
    ),
    loadSeconds: new Histogram(
      "newsroom_collab_load_seconds",
      "Time to load a document from the store",
      latencyBuckets,
    ),
    fanoutLag: new Histogram(
      "newsroom_collab_fanout_lag_seconds",
      "Delay of updates received from peer servers",
      latencyBuckets,
    ),
  };
  return {
    ...metrics,
    render(): string {
      return Object.values(metrics)
        .map((m: Metric) => m.render())
        .join("");
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
