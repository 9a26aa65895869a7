// The fraud-detection page: the live alert feed, the decision mix per second, alerts per rule per
// minute and impossible-travel pairs, from the fraud-alerts and transaction-decisions feeds.
Freshet.page("fraud-detection", "Fraud", (section, api) => {
  const { el, fmt, panel, table, series } = api;
  const MAX_FEED = 100;
  const grid = el("div", { class: "grid" });
  section.append(grid);
  const seen = new Set();

  const details = (a) => {
    const d = a.details || {};
    switch (a.rule) {
      case "VELOCITY": return d.count + " transactions in the window";
      case "IMPOSSIBLE_TRAVEL": return fmt.dec(d.distance_km, 0) + " km in " + fmt.dec(d.minutes, 1) + " min";
      case "AMOUNT_ANOMALY": return "amount " + fmt.dec(d.amount, 2) + " vs mean " + fmt.dec(d.mean, 2);
      default: return JSON.stringify(d);
    }
  };
  const feed = table(
    panel(grid, "Alerts, newest first", "alert-feed"),
    [
      { key: "time", label: "event time" },
      { key: "rule", label: "rule" },
      { key: "severity", label: "severity", cls: (r) => "sev-" + r.severity },
      { key: "customer", label: "customer" },
      { key: "numbers", label: "the numbers behind it" },
    ],
    "No alerts yet. Demo traffic plants fraud now and then; or send a burst of transactions for one customer.",
  );
  const mix = series(panel(grid, "Decisions per second"), { unit: "decisions/s", series: ["APPROVE", "REVIEW", "BLOCK"], window: 300 });
  const perRule = table(
    panel(grid, "Alerts per rule per minute (event time)", "alerts-per-rule"),
    [
      { key: "minute", label: "minute" },
      { key: "VELOCITY", label: "velocity", num: true },
      { key: "IMPOSSIBLE_TRAVEL", label: "impossible travel", num: true },
      { key: "AMOUNT_ANOMALY", label: "amount anomaly", num: true },
    ],
    "No alerts yet.",
  );
  const travel = table(
    panel(grid, "Impossible travel", "impossible-travel"),
    [
      { key: "time", label: "event time" },
      { key: "customer", label: "customer" },
      { key: "km", label: "distance (km)", num: true },
      { key: "minutes", label: "minutes", num: true },
      { key: "speed", label: "implied speed (km/h)", num: true },
    ],
    "No impossible-travel alert yet.",
  );
  const minutes = new Map();

  function add(alert) {
    if (seen.has(alert.alert_id)) return;
    seen.add(alert.alert_id);
    feed.prepend({ attrs: { "data-alert-id": alert.alert_id, "data-rule": alert.rule }, time: fmt.time(alert.event_time), rule: alert.rule, severity: alert.severity, customer: alert.customer_id, numbers: details(alert) }, MAX_FEED);
    const minute = (alert.event_time || "").slice(0, 16).replace("T", " ");
    const counts = minutes.get(minute) || { minute };
    counts[alert.rule] = (counts[alert.rule] || 0) + 1;
    minutes.set(minute, counts);
    const latest = [...minutes.keys()].sort().reverse().slice(0, 15);
    perRule.rows(latest.map((m) => minutes.get(m)));
    if (alert.rule === "IMPOSSIBLE_TRAVEL" && alert.details) {
      const d = alert.details;
      travel.prepend({ time: fmt.time(alert.event_time), customer: alert.customer_id, km: fmt.dec(d.distance_km, 0), minutes: fmt.dec(d.minutes, 1), speed: d.minutes > 0 ? fmt.int((d.distance_km / d.minutes) * 60) : "∞" }, 50);
    }
  }

  api
    .fetchJson("/api/views/fraud_alerts?order=desc&limit=50")
    .then((page) => page.rows.slice().reverse().forEach(add))
    .catch((e) => console.error(e));

  return {
    onFrame(frame) {
      const alerts = frame.feeds["fraud-alerts"];
      if (alerts) alerts.records.forEach(add);
      const decisions = frame.feeds["transaction-decisions"];
      if (decisions) {
        const counts = { APPROVE: 0, REVIEW: 0, BLOCK: 0 };
        decisions.records.forEach((d) => (counts[d.decision] = (counts[d.decision] || 0) + 1));
        // Frames come every 250 ms: per second is four times the frame's count.
        const scale = 1000 / 250;
        mix.push(frame.sent_at / 1000, [counts.APPROVE * scale, counts.REVIEW * scale, counts.BLOCK * scale]);
      }
    },
  };
});
