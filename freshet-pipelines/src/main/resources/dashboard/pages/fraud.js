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

  // The alert workflow: cases from /api/alerts, actions through the API (the token in the header),
  // refreshed when the feeds bring a new alert or action, never on a timer.
  const casesBody = panel(grid, "Alert cases: acknowledge, resolve, comment", "alert-cases");
  const actor = el("input", { id: "case-actor", type: "text", value: "operator", "aria-label": "your name", class: "token" });
  const note = el("input", { id: "case-comment", type: "text", placeholder: "comment (optional)", "aria-label": "comment", class: "token" });
  const message = el("div", { id: "case-message", class: "empty", "data-status": "" });
  casesBody.append(el("div", { class: "case-tools" }, el("label", { text: "acting as " }, actor), note), message);
  const cases = table(
    casesBody,
    [
      { key: "time", label: "detected" },
      { key: "rule", label: "rule" },
      { key: "customer", label: "customer" },
      { key: "status", label: "status", cls: (r) => "case-" + r.status },
      { key: "actions", label: "actions" },
      { key: "history", label: "history" },
    ],
    "No alert to work on yet. They appear here as the fraud job raises them.",
  );
  const precisionTable = table(
    panel(grid, "Precision per rule (true fraud / resolved)", "rule-precision"),
    [
      { key: "rule", label: "rule" },
      { key: "alerts", label: "alerts", num: true },
      { key: "resolved", label: "resolved", num: true },
      { key: "fraud", label: "true fraud", num: true },
      { key: "fp", label: "false positive", num: true },
      { key: "precision", label: "precision", num: true },
    ],
    "No resolution yet: resolve alerts to measure each rule.",
  );

  async function act(alertId, body) {
    body.actor = actor.value.trim();
    if (note.value.trim()) body.comment = note.value.trim();
    const answer = await api.send("POST", "/api/alerts/" + encodeURIComponent(alertId) + "/actions", body);
    message.dataset.status = String(answer.status);
    message.textContent = answer.status === 200 ? body.action + " recorded for " + alertId : (answer.body && answer.body.error) || "refused (HTTP " + answer.status + ")";
    message.style.display = "block";
    if (answer.status === 200) note.value = "";
    refreshCases();
  }

  function buttons(c) {
    const box = el("span", { class: "case-actions" });
    const add = (label, id, body) => {
      const b = el("button", { type: "button", "data-act": id, text: label });
      b.addEventListener("click", () => act(c.alert_id, body));
      box.append(b);
    };
    if (c.status === "OPEN") add("Ack", "acknowledge", { action: "acknowledge" });
    if (c.status !== "RESOLVED") {
      add("Fraud", "resolve-fraud", { action: "resolve", resolution: "TRUE_FRAUD" });
      add("Not fraud", "resolve-fp", { action: "resolve", resolution: "FALSE_POSITIVE" });
    }
    add("Comment", "comment", { action: "comment" });
    return box;
  }

  function history(c) {
    const details = el("details", {}, el("summary", { text: c.history.length + " action(s)" }));
    const list = el("ol", { class: "history" });
    c.history.forEach((h) => list.append(el("li", { class: "history-entry", "data-action": h.action, text: fmt.time(h.at) + " " + h.action.replace("alert.", "") + " by " + h.actor + (h.resolution ? " as " + h.resolution : "") + (h.comment ? ": " + h.comment : "") })));
    details.append(list);
    return details;
  }

  let refreshing = null;
  function refreshCases() {
    if (refreshing) return refreshing;
    refreshing = Promise.all([api.fetchJson("/api/alerts?limit=20"), api.fetchJson("/api/fraud/precision")])
      .then(([list, precision]) => {
        cases.rows(
          list.alerts.map((c) => ({
            attrs: { "data-alert-id": c.alert_id, "data-status": c.status },
            time: fmt.time(c.alert.detected_at),
            rule: c.alert.rule,
            customer: c.alert.customer_id,
            status: c.status + (c.resolution ? " (" + c.resolution + ")" : ""),
            actions: buttons(c),
            history: history(c),
          })),
        );
        precisionTable.rows(
          precision.rules.map((r) => ({
            attrs: { "data-rule": r.rule },
            rule: r.rule,
            alerts: fmt.int(r.alerts),
            resolved: fmt.int(r.resolved),
            fraud: fmt.int(r.true_fraud),
            fp: fmt.int(r.false_positive),
            precision: r.precision == null ? "–" : fmt.dec(r.precision * 100, 0) + " %",
          })),
        );
      })
      .catch((e) => console.error(e))
      .finally(() => (refreshing = null));
    return refreshing;
  }
  refreshCases();

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
      const actions = frame.feeds["alert-actions"];
      if ((alerts && alerts.records.length) || (actions && actions.records.length)) refreshCases();
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
