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
      "Document updates applied, from clients, peer servers and store re-reads (rate() of it: updates per second)",
    ),
    refusedUpdates: new Counter(
      "newsroom_collab_refused_updates_total",
      "Updates refused from read-only sockets",
    ),
    offSchemaUpdates: new Counter(
      "newsroom_collab_off_schema_updates_total",
      "Updates refused for not fitting the story's schema (their sockets closed with 4422)",
    ),
    oversizeUpdates: new Counter(
      "newsroom_collab_oversize_updates_total",
      "Updates refused because the story would pass its size limit (their sockets closed with 4413)",
    ),
    unresolvableUpdates: new Counter(
      "newsroom_collab_unresolvable_updates_total",
      "Updates not applied because they build on content the server lacks (the client is asked to resync)",
    ),
    repairedDocuments: new Counter(
      "newsroom_collab_repaired_documents_total",
      "Stored documents that held off-schema content when loaded (it was removed and the removal stored)",
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
    storedUpdates: new Counter(
      "newsroom_collab_stored_updates_total",
      "Client updates committed to the store (rate() of it: stored updates per second)",
    ),
    slowConsumers: new Counter(
      "newsroom_collab_slow_consumer_closes_total",
      "Sockets closed because their client stopped reading",
    ),
    fanoutLag: new Histogram(
      "newsroom_collab_fanout_lag_seconds",
      "Redis lag: from a peer server publishing a message to this server receiving it",
      latencyBuckets,
    ),
    redisConnected: new Gauge(
      "newsroom_collab_redis_connected",
      "1 when both Redis connections (publish, subscribe) are ready; 0 when down; -1 without Redis",
    ),
    fanoutPublished: new Counter(
      "newsroom_collab_fanout_published_total",
      "Messages published to other servers",
    ),
    fanoutPublishFailures: new Counter(
      "newsroom_collab_fanout_publish_failures_total",
      "Messages that could not be published (recovered by the next resync)",
    ),
    fanoutReceived: new Counter(
      "newsroom_collab_fanout_received_total",
      "Messages received from other servers",
    ),
    peerDiffs: new Counter(
      "newsroom_collab_resync_diffs_total",
      "Diffs sent to peer servers that lacked content (each one a repaired loss or race)",
    ),
    storeResyncs: new Counter(
      "newsroom_collab_store_resyncs_total",
      "Loaded documents re-read from the store to catch what fan-out may have lost",
    ),
  };
  metrics.redisConnected.set(-1);
  const processMetrics: Metric = {
    render() {
      const m = process.memoryUsage();
      return (
        [
          "# HELP process_resident_memory_bytes Resident memory size in bytes.",
          "# TYPE process_resident_memory_bytes gauge",
          `process_resident_memory_bytes ${m.rss}`,
          "# HELP nodejs_heap_used_bytes V8 heap in use, in bytes.",
          "# TYPE nodejs_heap_used_bytes gauge",
          `nodejs_heap_used_bytes ${m.heapUsed}`,
          "# HELP nodejs_external_memory_bytes Memory of buffers and other objects outside the V8 heap.",
          "# TYPE nodejs_external_memory_bytes gauge",
          `nodejs_external_memory_bytes ${m.external}`,
        ].join("\n") + "\n"
      );
    },
  };
  return {
    ...metrics,
    render(): string {
      return [...Object.values(metrics), processMetrics]
        .map((m: Metric) => m.render())
        .join("");
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
