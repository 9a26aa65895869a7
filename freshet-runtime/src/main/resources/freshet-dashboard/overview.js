// The overview: every pipeline's state, rates, dead letters, checkpoints, latency against its SLA,
// backpressure and consumer lag, from the status the server pushes once a second.
Freshet.page("overview", "Overview", (section, api) => {
  const { el, fmt, panel, table, series } = api;
  // FreshetBackpressureHigh's threshold: a subtask backpressured more than 10 % of the time.
  const BACKPRESSURE_WARN = 0.1;
  const known = (n) => n != null && !Number.isNaN(+n);
  /** Seconds as ms below one second (one decimal below 10 ms), else as seconds. */
  const latency = (s) => (!known(s) ? "–" : +s < 0.01 ? fmt.dec(+s * 1000) + " ms" : +s < 1 ? fmt.int(+s * 1000) + " ms" : fmt.dec(+s, 2) + " s");
  const percent = (ratio) => (!known(ratio) ? "–" : fmt.int(+ratio * 100) + " %");
  const grid = el("div", { class: "grid" });
  section.append(grid);
  const stateClass = (r) => (r.state === "RUNNING" ? "state-ok" : r.state === "STARTING" || r.state === "CREATED" ? "state-warn" : "state-bad");
  const pipelines = table(
    panel(grid, "Pipelines", "pipelines"),
    [
      { key: "name", label: "pipeline" },
      { key: "state", label: "state", cls: stateClass },
      { key: "rate", label: "in (events/s)", num: true },
      { key: "records", label: "records in", num: true },
      { key: "dead", label: "dead letters", num: true },
      { key: "dups", label: "duplicates", num: true },
      { key: "checkpoints", label: "checkpoints ok / failed", num: true, cls: (r) => (r.checkpointsFailed > 0 ? "state-bad" : "") },
      { key: "declined", label: "declined at start", num: true },
      { key: "lastCheckpoint", label: "last checkpoint", num: true },
      { key: "watermark", label: "watermark lag (s)", num: true },
      { key: "latency", label: "latency p50 / p99 (1 min)", num: true, cls: (r) => (r.overSla ? "state-bad" : "") },
      { key: "sla", label: "SLA", num: true },
      { key: "backpressure", label: "backpressured / busy (worst subtask)", num: true, cls: (r) => (r.backpressured > BACKPRESSURE_WARN ? "state-warn" : "") },
    ],
    "Waiting for the first status… (is freshet run still starting?)",
  );
  const ratesBody = panel(grid, "Events in per second", "rates");
  const lag = table(
    panel(grid, "Consumer lag", "consumer-lag"),
    [
      { key: "group", label: "group" },
      { key: "topic", label: "topic" },
      { key: "records", label: "records", num: true },
      { key: "seconds", label: "seconds", num: true },
      { key: "trend", label: "trend" },
    ],
    "No consumer group has read anything yet.",
  );
  let chart = null;
  let names = [];
  const previousLag = new Map();

  function latencyCells(l) {
    const text = latency(l.p50_seconds) + " / " + latency(l.p99_seconds);
    return {
      latency: l.p99_over_sla ? el("span", { title: "p99 over the SLA", text: text + " ▲" }) : text,
      overSla: l.p99_over_sla === true,
      sla: known(l.sla_seconds) ? "≤ " + latency(l.sla_seconds) : "–",
    };
  }

  function backpressureCells(b) {
    const cell = el("span", {}, el("span", { title: b.task || "", text: percent(b.ratio) }), " / ", el("span", { title: b.busiest_task || "", text: percent(b.busy_ratio) }));
    return { backpressure: cell, backpressured: known(b.ratio) ? +b.ratio : 0 };
  }

  function render(status) {
    pipelines.rows(
      status.pipelines.map((p) => ({
        attrs: { "data-pipeline": p.name },
        name: p.name,
        state: p.state,
        rate: fmt.dec(p.throughput_per_second),
        records: fmt.int(p.records_in),
        dead: fmt.int(p.dead_letters),
        dups: fmt.int(p.duplicates_skipped),
        checkpoints: fmt.int(p.checkpoints_completed) + " / " + fmt.int(p.checkpoints_failed),
        checkpointsFailed: p.checkpoints_failed,
        declined: el("span", { title: "declined by Flink while the job's tasks were not all running (start, restart): not failures", text: fmt.int(p.checkpoints_declined_starting) }),
        lastCheckpoint: fmt.ms(p.last_checkpoint_duration_ms),
        watermark: fmt.dec(p.watermark_lag_seconds),
        ...latencyCells(p.latency || {}),
        ...backpressureCells(p.backpressure || {}),
      })),
    );
    const now = Date.now() / 1000;
    const current = status.pipelines.map((p) => p.name);
    if (chart === null || current.join() !== names.join()) {
      names = current;
      ratesBody.replaceChildren();
      chart = series(ratesBody, { unit: "events/s", series: names, window: 300 });
    }
    chart.push(now, status.pipelines.map((p) => +p.throughput_per_second || 0));
    lag.rows(
      status.consumer_lag.map((l) => {
        const key = l.group + "/" + l.topic;
        const before = previousLag.get(key);
        previousLag.set(key, l.records);
        const trend = before == null || before === l.records ? "→" : l.records > before ? "↑" : "↓";
        const cls = trend === "↑" ? "trend-up" : trend === "↓" ? "trend-down" : "trend-flat";
        return { group: l.group, topic: l.topic, records: fmt.int(l.records), seconds: fmt.dec(l.seconds), trend: el("span", { class: cls, text: trend }) };
      }),
    );
  }

  api.fetchJson("/api/status").then(render).catch((e) => console.error(e));
  return {
    onFrame(frame) {
      if (frame.status) render(frame.status);
    },
  };
});
