// Freshet's live dashboard: one WebSocket for every page, pages registered by the platform and by
// the pipelines' own scripts (see DashboardPage), no polling loop.
(function () {
  "use strict";
  const pages = new Map();
  const charts = [];
  let frames = 0;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else node.setAttribute(k, v);
    });
    children.forEach((c) => node.append(c));
    return node;
  }

  // Reads send the token too: a Freshet listening beyond loopback asks for it on every read.
  async function fetchJson(url) {
    const headers = { Accept: "application/json" };
    if (token()) headers.Authorization = "Bearer " + token();
    const response = await fetch(url, { headers });
    if (!response.ok) throw Object.assign(new Error(url + " answered " + response.status), { status: response.status });
    return response.json();
  }

  /** The API token the operator typed into the header, kept for this tab only. */
  function token() {
    return sessionStorage.getItem("freshet-api-token") || "";
  }

  /**
   * A write (command, alert action, replay): sends the operator's token; resolves to
   * `{ status, body }` whatever the status, so the page can show a refusal's reason.
   */
  async function send(method, url, body, contentType = "application/json") {
    const headers = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = contentType;
    if (token()) headers.Authorization = "Bearer " + token();
    const response = await fetch(url, { method, headers, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
    const text = await response.text();
    let parsed = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch (e) {
      // Not JSON (e.g. a plain-text error from the server): keep the text.
    }
    return { status: response.status, body: parsed };
  }

  function tokenField() {
    const input = document.getElementById("api-token");
    input.value = token();
    input.addEventListener("change", () => sessionStorage.setItem("freshet-api-token", input.value.trim()));
  }

  const fmt = {
    int: (n) => (n == null || Number.isNaN(+n) ? "–" : Math.round(+n).toLocaleString("en")),
    dec: (n, d = 1) => (n == null || Number.isNaN(+n) ? "–" : (+n).toLocaleString("en", { minimumFractionDigits: d, maximumFractionDigits: d })),
    ms: (n) => (n == null || Number.isNaN(+n) ? "–" : Math.round(+n).toLocaleString("en") + " ms"),
    time: (iso) => (iso ? new Date(iso).toLocaleTimeString("en-GB") : "–"),
  };

  /** A panel with a title, whose body is returned. */
  function panel(parent, title, id) {
    const body = el("div");
    const p = el("div", { class: "panel" }, el("h2", { text: title }), body);
    if (id) p.id = id;
    parent.append(p);
    return body;
  }

  /** A table whose rows are replaced; shows `empty` while it has none. */
  function table(parent, columns, empty) {
    const thead = el("tr");
    columns.forEach((c) => thead.append(el("th", { class: c.num ? "num" : "", text: c.label })));
    const tbody = el("tbody");
    const hint = el("div", { class: "empty", text: empty });
    const wrap = el("div", { class: "scroll" }, el("table", {}, el("thead", {}, thead), tbody), hint);
    parent.append(wrap);
    return {
      body: tbody,
      rows(rows) {
        tbody.replaceChildren(...rows.map((r) => row(columns, r)));
        hint.style.display = rows.length ? "none" : "block";
      },
      prepend(r, max) {
        tbody.prepend(row(columns, r));
        while (tbody.children.length > max) tbody.lastChild.remove();
        hint.style.display = "none";
      },
    };
  }

  function row(columns, r) {
    const tr = el("tr");
    if (r.attrs) Object.entries(r.attrs).forEach(([k, v]) => tr.setAttribute(k, v));
    columns.forEach((c) => {
      const value = r[c.key];
      const td = el("td", { class: (c.num ? "num " : "") + (c.cls ? c.cls(r) : "") });
      if (value instanceof Node) td.append(value);
      else td.textContent = value == null ? "–" : String(value);
      tr.append(td);
    });
    return tr;
  }

  /**
   * A live time series: x in seconds, one line per series, the last `window` seconds kept. The
   * element's data-points attribute counts the samples drawn (tests wait on it).
   */
  function series(parent, options) {
    const box = el("div", { class: "chart", "data-points": "0" });
    parent.append(box);
    const names = options.series;
    const data = [[], ...names.map(() => [])];
    const colors = ["#4fb3ff", "#3fb950", "#d29922", "#f85149", "#bc8cff", "#39c5cf", "#ff7b72"];
    const plot = new uPlot(
      {
        width: Math.max(box.clientWidth, 300),
        height: options.height || 220,
        scales: { x: { time: true } },
        axes: [
          { stroke: "#8b98a8", grid: { stroke: "#243040" }, label: "time" },
          { stroke: "#8b98a8", grid: { stroke: "#243040" }, label: options.unit, size: 60 },
        ],
        series: [
          {},
          ...names.map((n, i) =>
            (options.pointSeries || []).includes(n)
              ? { label: n, stroke: "#f85149", width: 0, paths: () => null, points: { show: true, size: 8, fill: "#f85149" } }
              : { label: n, stroke: (options.colors || colors)[i % colors.length], width: 1.5, dash: (options.dashed || []).includes(n) ? [6, 4] : undefined },
          ),
        ],
      },
      data,
      box,
    );
    const chart = {
      box,
      resize() {
        if (box.clientWidth > 0) plot.setSize({ width: box.clientWidth, height: options.height || 220 });
      },
      push(t, values) {
        data[0].push(t);
        names.forEach((n, i) => data[i + 1].push(values[i] == null ? null : values[i]));
        const cutoff = t - (options.window || 300);
        while (data[0].length && data[0][0] < cutoff) data.forEach((d) => d.shift());
        plot.setData(data);
        box.setAttribute("data-points", String(data[0].length));
      },
      /** Replaces all samples: `xs` in seconds, one column of values per series. */
      replace(xs, columns) {
        data[0] = xs.slice();
        columns.forEach((c, i) => (data[i + 1] = c.slice()));
        plot.setData(data);
        box.setAttribute("data-points", String(xs.length));
      },
    };
    charts.push(chart);
    return chart;
  }

  function resizeCharts() {
    charts.forEach((c) => c.resize());
  }

  /** Registers a page: `factory(section, api)` returns `{ onFrame(frame) }`. */
  function page(id, title, factory) {
    pages.set(id, { title, factory });
  }

  function show() {
    const id = (location.hash || "#overview").slice(1).split("?")[0];
    document.querySelectorAll("section.page").forEach((s) => s.classList.toggle("active", s.id === "page-" + id));
    document.querySelectorAll("nav a").forEach((a) => a.classList.toggle("active", a.getAttribute("href") === "#" + id));
    requestAnimationFrame(resizeCharts);
  }

  const mounted = [];

  function mount(id, entry) {
    const section = el("section", { class: "page", id: "page-" + id });
    document.getElementById("pages").append(section);
    document.getElementById("nav").append(el("a", { href: "#" + id, text: entry.title }));
    try {
      mounted.push(entry.factory(section, api) || {});
    } catch (e) {
      section.append(el("div", { class: "empty", text: "This page failed to start: " + e.message }));
    }
  }

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const s = el("script", { src });
      s.onload = resolve;
      s.onerror = () => reject(new Error("could not load " + src));
      document.head.append(s);
    });
  }

  function connect() {
    const indicator = document.getElementById("connection");
    const base = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws/live";
    let retry = 500;
    function open() {
      // Browsers send no Authorization header on a WebSocket: the token rides in the query.
      const socket = new WebSocket(token() ? base + "?token=" + encodeURIComponent(token()) : base);
      socket.onopen = () => {
        retry = 500;
        indicator.dataset.state = "live";
        indicator.textContent = "live";
      };
      socket.onmessage = (message) => {
        const frame = JSON.parse(message.data);
        frames++;
        document.body.dataset.frames = String(frames);
        document.body.dataset.lastFrameAt = String(Date.now());
        mounted.forEach((p) => {
          try {
            if (p.onFrame) p.onFrame(frame);
          } catch (e) {
            console.error(e);
          }
        });
      };
      socket.onclose = () => {
        indicator.dataset.state = "disconnected";
        indicator.textContent = "disconnected — reconnecting";
        setTimeout(open, retry);
        retry = Math.min(retry * 2, 5000);
      };
    }
    open();
  }

  const api = { el, fetchJson, send, token, fmt, panel, table, series };

  async function start() {
    let described = { pages: [], links: { metrics: "/metrics" } };
    try {
      described = await fetchJson("/api/dashboard");
    } catch (e) {
      console.error(e);
      if (e.status === 401) {
        document.getElementById("pages").append(el("div", { class: "empty", id: "needs-token", text: "This Freshet listens beyond loopback, so reading needs the API token: type it in the header field and reload." }));
      }
    }
    const scripts = described.pages.map((p) => loadScript(p.script).catch((e) => console.error(e)));
    await Promise.all(scripts);
    mount("overview", pages.get("overview"));
    described.pages.forEach((p) => {
      const entry = pages.get(p.id);
      if (entry) mount(p.id, { title: p.title, factory: entry.factory });
    });
    if (pages.has("topics")) mount("topics", pages.get("topics"));
    const links = document.getElementById("links");
    if (described.links.flink) links.append(el("a", { href: described.links.flink, target: "_blank", rel: "noopener", text: "Flink web UI" }));
    links.append(el("a", { href: described.links.metrics, text: "Prometheus /metrics" }));
    tokenField();
    show();
    connect();
    document.body.dataset.ready = "true";
  }

  window.addEventListener("hashchange", show);
  window.addEventListener("resize", resizeCharts);
  window.Freshet = { page, api };
  document.addEventListener("DOMContentLoaded", start);
})();
