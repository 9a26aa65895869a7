// The IoT page: per device and sensor, the live 5 s means against the baseline ±3σ band (the 1 min
// standard deviation window), with z-score anomalies and threshold alerts marked.
Freshet.page("iot-monitoring", "IoT", (section, api) => {
  const { el, fmt, panel, table, series } = api;
  const grid = el("div", { class: "grid" });
  section.append(grid);
  const means = new Map(); // key -> Map(window_start -> {mean, revision})
  const bands = new Map(); // key -> {mean, stddev, revision, window_start}
  const anomalies = new Map(); // key -> Map(window_start -> value)
  const choose = el("select", { id: "iot-series", "aria-label": "device and sensor" });
  const chartBody = panel(grid, "5 s mean with baseline ±3σ", "iot-chart");
  const hint = el("div", { class: "empty", text: "Waiting for the first 5 s windows to close (watermark delay ≈ 10 s)." });
  chartBody.append(el("form", { class: "inline" }, choose), hint);
  const chart = series(chartBody, { unit: "sensor value", series: ["5 s mean", "baseline +3σ", "baseline −3σ", "anomaly"], dashed: ["baseline +3σ", "baseline −3σ"], colors: ["#4fb3ff", "#8b98a8", "#8b98a8"], pointSeries: ["anomaly"], window: 1e12 });
  const anomalyTable = table(
    panel(grid, "Anomalies (|z| above the limit)", "iot-anomalies"),
    [
      { key: "time", label: "window" },
      { key: "device", label: "device" },
      { key: "sensor", label: "sensor" },
      { key: "value", label: "value", num: true },
      { key: "baseline", label: "baseline ± σ", num: true },
      { key: "z", label: "z", num: true },
    ],
    "No anomaly yet.",
  );
  const alertTable = table(
    panel(grid, "Threshold alerts", "iot-alerts"),
    [
      { key: "time", label: "event time" },
      { key: "device", label: "device" },
      { key: "sensor", label: "sensor" },
      { key: "value", label: "value", num: true },
      { key: "limit", label: "limit", num: true },
      { key: "bound", label: "bound" },
    ],
    "No threshold alert yet.",
  );
  const keyOf = (r) => r.device_id + " · " + r.sensor_type;

  function addOption(key) {
    if ([...choose.options].some((o) => o.value === key)) return;
    choose.append(el("option", { value: key, text: key }));
    if (choose.options.length === 1) choose.value = key;
  }

  function redraw() {
    const key = choose.value;
    const rows = means.get(key);
    if (!rows) return;
    hint.style.display = "none";
    const starts = [...rows.keys()].sort().slice(-120);
    const band = bands.get(key);
    const marks = anomalies.get(key) || new Map();
    chart.replace(
      starts.map((s) => Date.parse(s) / 1000),
      [
        starts.map((s) => rows.get(s).mean),
        starts.map(() => (band ? band.mean + 3 * band.stddev : null)),
        starts.map(() => (band ? band.mean - 3 * band.stddev : null)),
        starts.map((s) => (marks.has(s) ? marks.get(s) : null)),
      ],
    );
  }

  choose.addEventListener("change", redraw);
  return {
    onFrame(frame) {
      let touched = false;
      const stats = frame.feeds["sensor-stats-5s"];
      if (stats) {
        stats.records.forEach((r) => {
          const key = keyOf(r);
          addOption(key);
          const rows = means.get(key) || new Map();
          const old = rows.get(r.window_start);
          if (!old || old.revision <= r.revision) rows.set(r.window_start, { mean: r.mean, revision: r.revision });
          means.set(key, rows);
        });
        touched = true;
      }
      const stddev = frame.feeds["sensor-stddev-1m"];
      if (stddev) {
        stddev.records.forEach((r) => {
          const old = bands.get(keyOf(r));
          if (!old || old.window_start < r.window_start || (old.window_start === r.window_start && old.revision <= r.revision)) bands.set(keyOf(r), r);
        });
        touched = true;
      }
      const found = frame.feeds["sensor-anomalies"];
      if (found) {
        found.records.forEach((a) => {
          const marks = anomalies.get(keyOf(a)) || new Map();
          marks.set(a.window_start, a.value);
          anomalies.set(keyOf(a), marks);
          anomalyTable.prepend({ time: fmt.time(a.window_start), device: a.device_id, sensor: a.sensor_type, value: fmt.dec(a.value, 2), baseline: fmt.dec(a.baseline_mean, 2) + " ± " + fmt.dec(a.baseline_stddev, 2), z: fmt.dec(a.z, 1) }, 50);
        });
        touched = true;
      }
      const alerts = frame.feeds["sensor-alerts"];
      if (alerts) {
        alerts.records.forEach((a) => alertTable.prepend({ time: fmt.time(a.event_time), device: a.device_id, sensor: a.sensor_type, value: fmt.dec(a.value, 2), limit: fmt.dec(a.limit, 2), bound: a.bound }, 50));
      }
      if (touched) redraw();
    },
  };
});
