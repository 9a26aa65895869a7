// The revenue and sessions page: revenue per minute by country and category, orders, average order
// value and unique buyers; sessions per minute, conversion rate and top categories. Rows replace
// earlier revisions of the same window; retracted sessions are removed.
Freshet.page("clickstream", "Revenue & sessions", (section, api) => {
  const { el, fmt, panel, table, series } = api;
  const grid = el("div", { class: "grid" });
  section.append(grid);
  const revenue = new Map(); // window_start|country|category -> row
  const sessions = new Map(); // user_id|session_start -> row
  const revenueChart = series(panel(grid, "Revenue per minute (event time)", "revenue-chart"), { unit: "revenue", series: ["revenue"], window: 1e12 });
  const latest = table(
    panel(grid, "Latest minute by country and category", "revenue-latest"),
    [
      { key: "country", label: "country" },
      { key: "category", label: "category" },
      { key: "revenue", label: "revenue", num: true },
      { key: "orders", label: "orders", num: true },
      { key: "aov", label: "avg order value", num: true },
      { key: "buyers", label: "unique buyers", num: true },
    ],
    "No closed minute yet: revenue windows close one minute after their end (event time).",
  );
  const sessionBody = panel(grid, "Sessions per minute and conversion", "sessions-chart");
  const sessionHint = el("div", { class: "empty", text: "No closed session yet: sessions are counted by the minute they close in, 30 minutes after a user's last event (event time)." });
  sessionBody.append(sessionHint);
  const sessionChart = series(sessionBody, { unit: "sessions / converted", series: ["sessions", "converted"], window: 1e12 });
  const top = table(
    panel(grid, "Top categories viewed (closed sessions)", "top-categories"),
    [
      { key: "category", label: "category" },
      { key: "sessions", label: "sessions", num: true },
    ],
    "No closed session yet: a session closes after 30 minutes of inactivity (event time).",
  );
  const conversion = el("div", { class: "empty", id: "conversion-rate", text: "Conversion rate: –" });
  top.body.closest(".panel").append(conversion);

  function drawRevenue() {
    const minutes = new Map();
    revenue.forEach((r) => minutes.set(r.window_start, (minutes.get(r.window_start) || 0) + r.revenue));
    const keys = [...minutes.keys()].sort().slice(-60);
    revenueChart.replace(keys.map((k) => Date.parse(k) / 1000), [keys.map((k) => minutes.get(k))]);
    const last = keys[keys.length - 1];
    latest.rows(
      [...revenue.values()]
        .filter((r) => r.window_start === last)
        .sort((a, b) => b.revenue - a.revenue)
        .map((r) => ({ country: r.geo_country, category: r.category, revenue: fmt.dec(r.revenue, 2), orders: fmt.int(r.order_count), aov: fmt.dec(r.avg_order_value, 2), buyers: fmt.int(r.unique_buyers) })),
    );
  }

  function drawSessions() {
    const perMinute = new Map();
    const categories = new Map();
    let converted = 0;
    sessions.forEach((s) => {
      const minute = s.session_end.slice(0, 16);
      const m = perMinute.get(minute) || [0, 0];
      m[0]++;
      if (s.converted) m[1]++;
      perMinute.set(minute, m);
      if (s.converted) converted++;
      (s.categories_viewed || []).forEach((c) => categories.set(c, (categories.get(c) || 0) + 1));
    });
    const keys = [...perMinute.keys()].sort().slice(-60);
    sessionHint.style.display = keys.length ? "none" : "block";
    sessionChart.replace(keys.map((k) => Date.parse(k + ":00Z") / 1000), [keys.map((k) => perMinute.get(k)[0]), keys.map((k) => perMinute.get(k)[1])]);
    top.rows([...categories.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([category, n]) => ({ category, sessions: fmt.int(n) })));
    conversion.textContent = sessions.size ? "Conversion rate: " + fmt.dec((100 * converted) / sessions.size, 1) + " % of " + fmt.int(sessions.size) + " sessions" : "Conversion rate: –";
  }

  function addRevenue(r) {
    // Live rows and store rows may write the same instant differently.
    r.window_start = new Date(Date.parse(r.window_start)).toISOString();
    const key = r.window_start + "|" + r.geo_country + "|" + r.category;
    const old = revenue.get(key);
    if (!old || old.revision <= r.revision) revenue.set(key, r);
  }

  function addSession(s) {
    const key = s.user_id + "|" + s.session_start;
    if (s.retracted) sessions.delete(key);
    else {
      const old = sessions.get(key);
      if (!old || old.revision <= s.revision) sessions.set(key, s);
    }
  }

  api.fetchJson("/api/views/realtime_revenue?order=desc&limit=500").then((p) => { p.rows.forEach(addRevenue); drawRevenue(); }).catch((e) => console.error(e));

  return {
    onFrame(frame) {
      const rows = frame.feeds["revenue-per-minute"];
      if (rows) {
        rows.records.forEach(addRevenue);
        drawRevenue();
      }
      const closed = frame.feeds["sessions"];
      if (closed) {
        closed.records.forEach(addSession);
        drawSessions();
      }
    },
  };
});
