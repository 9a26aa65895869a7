// The overview: every pipeline's state, rates, dead letters, checkpoints and consumer lag, from the
// status the server pushes once a second.
Freshet.page("overview", "Overview", (section, api) => {
  const { el, fmt, panel, table, series } = api;
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
      { key: "checkpoints", label: "checkpoints ok / failed", num: true },
      { key: "lastCheckpoint", label: "last checkpoint", num: true },
      { key: "watermark", label: "watermark lag (s)", num: true },
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
        lastCheckpoint: fmt.ms(p.last_checkpoint_duration_ms),
        watermark: fmt.dec(p.watermark_lag_seconds),
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
