// The Topics page: every topic with its offsets, retention and rate; a message browser; the
// consumer groups' lag per partition; the dead letters with a replay action. Offsets are not pushed
// over the socket, so the lists are fetched when the page is shown and every 5 s while it is.
Freshet.page("topics", "Topics", (section, api) => {
  const { el, fmt, panel, table, fetchJson, send } = api;
  const REFRESH_MS = 5000;
  const grid = el("div", { class: "grid" });
  section.append(grid);

  // ---- Topics --------------------------------------------------------------------------------
  const topicsBody = panel(grid, "Topics", "topics-list");
  const topicsNote = el("div", { class: "note", text: "Click a topic to browse its newest messages." });
  topicsBody.append(topicsNote);
  const topicsTable = table(
    topicsBody,
    [
      { key: "name", label: "topic" },
      { key: "partitions", label: "partitions", num: true },
      { key: "records", label: "records", num: true },
      { key: "rate", label: "records/s", num: true },
      { key: "retention", label: "retention" },
      { key: "offsets", label: "offsets per partition (start–end)" },
    ],
    "No topics yet — start freshet run (each pipeline creates its topics) or produce to one.",
  );
  topicsTable.body.addEventListener("click", (event) => {
    const tr = event.target.closest("tr[data-topic]");
    if (tr) browseTopic(tr.dataset.topic);
  });
  let topics = [];

  function retention(ms) {
    if (ms == null) return "–";
    if (ms < 0) return "forever";
    const units = [
      [86400000, "d"],
      [3600000, "h"],
      [60000, "min"],
      [1000, "s"],
    ];
    for (const [size, unit] of units) if (ms >= size && ms % size === 0) return ms / size + " " + unit;
    return fmt.int(ms) + " ms";
  }

  async function loadTopics() {
    try {
      const answer = await fetchJson("/api/topics");
      topics = answer.topics;
      topicsTable.rows(
        topics.map((t) => ({
          attrs: { "data-topic": t.name, class: "clickable", title: "Browse " + t.name },
          name: t.name,
          partitions: fmt.int(t.partition_count),
          records: fmt.int(t.records),
          rate: t.records_per_second == null ? "…" : fmt.dec(t.records_per_second),
          retention: retention(t.retention_ms) + (t.cleanup_policy && t.cleanup_policy !== "delete" ? " · " + t.cleanup_policy : ""),
          offsets: t.partitions.map((p) => p.partition + ": " + fmt.int(p.start_offset) + "–" + fmt.int(p.end_offset)).join("  "),
        })),
      );
      topicsBody.dataset.count = String(topics.length);
      topicsNote.textContent =
        answer.rate_window_ms == null
          ? "Click a topic to browse its newest messages. Rates appear from the next refresh (they compare two looks at the end offsets)."
          : "Click a topic to browse its newest messages. Rates over the last " + fmt.dec(answer.rate_window_ms / 1000) + " s.";
      fillTopicChoice();
    } catch (e) {
      topicsNote.textContent = "Could not list the topics: " + e.message;
    }
  }

  // ---- Message browser ---------------------------------------------------------------------
  const browserBody = panel(grid, "Messages", "topic-browser");
  const field = (label, input) => el("label", {}, el("span", { text: label }), input);
  const input = (id, attrs) => el("input", Object.assign({ id, type: "text", autocomplete: "off" }, attrs || {}));
  const topicChoice = el("select", { id: "browse-topic" });
  const partitionChoice = el("select", { id: "browse-partition" });
  const fromChoice = el("select", { id: "browse-from" });
  [
    ["latest", "newest"],
    ["earliest", "beginning"],
    ["offset", "offset"],
    ["timestamp", "time"],
  ].forEach(([value, text]) => fromChoice.append(el("option", { value, text })));
  const offsetInput = input("browse-offset", { placeholder: "12 or 0:12,1:4" });
  const timeInput = input("browse-time", { placeholder: "2026-11-26T12:00:00Z or epoch ms" });
  const keyInput = input("browse-key", { placeholder: "exact key" });
  const headerInput = input("browse-header", { placeholder: "name or name:value" });
  const fieldInput = input("browse-field", { placeholder: "json.path:value" });
  const limitInput = input("browse-limit", { type: "number", min: "1", max: "500", value: "50" });
  const uncommitted = el("input", { id: "browse-uncommitted", type: "checkbox" });
  const browseButton = el("button", { id: "browse-go", type: "submit", text: "Browse" });
  const nextButton = el("button", { id: "browse-next", type: "button", text: "Next page", disabled: "" });
  const offsetField = field("offset", offsetInput);
  const timeField = field("time", timeInput);
  const form = el(
    "form",
    { class: "inline browse", id: "browse-form" },
    field("topic", topicChoice),
    field("partition", partitionChoice),
    field("from", fromChoice),
    offsetField,
    timeField,
    field("key", keyInput),
    field("header", headerInput),
    field("JSON field", fieldInput),
    field("limit", limitInput),
    el("label", { class: "check" }, uncommitted, el("span", { text: "include uncommitted (aborted / open transactions)" })),
    browseButton,
    nextButton,
  );
  browserBody.append(form);
  const summary = el("div", { id: "browse-summary", class: "note", text: "Pick a topic (or click its row above) and press Browse." });
  const messages = el("div", { id: "topic-messages", class: "messages", "data-count": "0", "data-state": "idle" });
  browserBody.append(summary, messages);
  let nextOffsets = null;

  function showFromFields() {
    offsetField.style.display = fromChoice.value === "offset" ? "" : "none";
    timeField.style.display = fromChoice.value === "timestamp" ? "" : "none";
  }
  fromChoice.addEventListener("change", showFromFields);
  showFromFields();

  function fillTopicChoice() {
    const current = topicChoice.value;
    const names = topics.map((t) => t.name);
    if (names.join() !== Array.from(topicChoice.options, (o) => o.value).join()) {
      topicChoice.replaceChildren(...names.map((n) => el("option", { value: n, text: n })));
      if (names.includes(current)) topicChoice.value = current;
      fillPartitionChoice();
    }
  }

  function fillPartitionChoice() {
    const topic = topics.find((t) => t.name === topicChoice.value);
    const current = partitionChoice.value;
    partitionChoice.replaceChildren(el("option", { value: "", text: "all" }));
    (topic ? topic.partitions : []).forEach((p) => partitionChoice.append(el("option", { value: String(p.partition), text: String(p.partition) })));
    if (Array.from(partitionChoice.options).some((o) => o.value === current)) partitionChoice.value = current;
  }
  topicChoice.addEventListener("change", fillPartitionChoice);

  function browseTopic(name) {
    topicChoice.value = name;
    fillPartitionChoice();
    partitionChoice.value = "";
    fromChoice.value = "latest";
    showFromFields();
    browse();
    // The rows can fill the screen: bring the messages into view.
    browserBody.parentElement.scrollIntoView({ block: "start" });
  }

  function query(startAt) {
    const params = new URLSearchParams();
    if (partitionChoice.value !== "") params.set("partition", partitionChoice.value);
    if (startAt) params.set("offset", startAt);
    else if (fromChoice.value === "offset") params.set("offset", offsetInput.value.trim());
    else if (fromChoice.value === "timestamp") params.set("timestamp", timeInput.value.trim());
    else params.set("offset", fromChoice.value);
    [
      ["key", keyInput],
      ["header", headerInput],
      ["field", fieldInput],
      ["limit", limitInput],
    ].forEach(([name, box]) => {
      if (box.value.trim() !== "") params.set(name, box.value.trim());
    });
    params.set("isolation", uncommitted.checked ? "read_uncommitted" : "read_committed");
    return params;
  }

  async function browse(startAt) {
    const topic = topicChoice.value;
    if (!topic) {
      summary.textContent = "There is no topic to browse yet.";
      return;
    }
    messages.dataset.state = "loading";
    summary.textContent = "Reading " + topic + "…";
    nextButton.disabled = true;
    const answer = await send("GET", "/api/topics/" + encodeURIComponent(topic) + "/messages?" + query(startAt));
    if (answer.status !== 200) {
      messages.replaceChildren();
      messages.dataset.count = "0";
      messages.dataset.state = "error";
      summary.textContent = answer.status + ": " + (answer.body && answer.body.error ? answer.body.error : JSON.stringify(answer.body));
      return;
    }
    render(answer.body);
  }

  function render(page) {
    messages.replaceChildren(...page.messages.map(message));
    messages.dataset.count = String(page.messages.length);
    messages.dataset.topic = page.topic;
    messages.dataset.state = "done";
    const range = Object.keys(page.start_offsets)
      .map((p) => p + ": " + page.start_offsets[p] + "→" + page.next_offsets[p] + " of " + page.end_offsets[p])
      .join("  ");
    const why = {
      end: "read to the end",
      limit: "stopped at the limit",
      scan_limit: "stopped after scanning " + fmt.int(page.scan_limit) + " records (the bound) — press Next page to go on",
      deadline: "stopped at the time bound — press Next page to go on",
    }[page.stopped_by];
    summary.textContent =
      fmt.int(page.messages.length) + " message(s), " + page.isolation + " · scanned " + fmt.int(page.scanned) + " · " + why + " · partition offsets " + range;
    if (!page.messages.length) {
      messages.append(
        el("div", {
          class: "empty",
          text: "No message matched in the range scanned — read from the beginning, drop a filter, or include uncommitted records.",
        }),
      );
    }
    nextOffsets = Object.entries(page.next_offsets)
      .filter(([p]) => page.next_offsets[p] < page.end_offsets[p] || page.stopped_by !== "end")
      .map(([p, o]) => p + ":" + o)
      .join(",");
    nextButton.disabled = nextOffsets === "";
  }

  function message(m) {
    const headers = m.headers.map((h) => h.name + "=" + (h.value == null ? "∅" : h.value)).join(", ");
    const meta = [
      "partition " + m.partition,
      "offset " + m.offset,
      m.timestamp,
      "key " + (m.key == null ? "∅" : m.key),
      headers ? "headers " + headers : "no headers",
      m.value_type + " · " + fmt.int(m.value_bytes) + " B" + (m.truncated ? " (first 256 KiB shown)" : ""),
    ].join(" · ");
    const text = m.value_type === "json" ? JSON.stringify(m.value, null, 2) : m.value_type === "null" ? "(no value: a tombstone)" : m.value;
    return el(
      "div",
      { class: "message", "data-partition": String(m.partition), "data-offset": String(m.offset) },
      el("div", { class: "meta", text: meta }),
      el("pre", { class: "json", text }),
    );
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    browse();
  });
  nextButton.addEventListener("click", () => browse(nextOffsets));

  // ---- Consumer groups ---------------------------------------------------------------------
  const groupsBody = panel(grid, "Consumer groups", "consumer-groups");
  const groupsTable = table(
    groupsBody,
    [
      { key: "group", label: "group" },
      { key: "state", label: "state" },
      { key: "members", label: "members", num: true },
      { key: "total", label: "group lag", num: true },
      { key: "topic", label: "topic" },
      { key: "partition", label: "partition", num: true },
      { key: "committed", label: "committed", num: true },
      { key: "end", label: "end", num: true },
      { key: "lag", label: "lag", num: true },
    ],
    "No consumer group yet — one appears once a consumer commits offsets (Flink's sources commit on each checkpoint).",
  );

  const groupsNote = el("div", { class: "note" });
  groupsBody.prepend(groupsNote);

  async function loadGroups() {
    try {
      const answer = await fetchJson("/api/consumer-groups");
      const rows = [];
      answer.groups.forEach((g) => {
        // The group's own columns only on its first row, so each group reads as one block.
        const head = { group: g.group, state: g.state, members: fmt.int(g.members), total: fmt.int(g.lag) };
        if (!g.partitions.length) rows.push(Object.assign({ attrs: { "data-group": g.group } }, head));
        g.partitions.forEach((p, i) => {
          const attrs = { "data-group": g.group, "data-topic": p.topic, "data-partition": String(p.partition) };
          const lag = { topic: p.topic, partition: p.partition, committed: fmt.int(p.committed), end: fmt.int(p.end_offset), lag: fmt.int(p.lag) };
          rows.push(Object.assign({ attrs }, i === 0 ? head : { group: "", state: "", members: "", total: "" }, lag));
        });
      });
      groupsTable.rows(rows);
      groupsBody.dataset.count = String(answer.groups.length);
      groupsNote.textContent = "Lag: records between a group's committed offset and the partition's end (transaction markers count, as in Kafka's own tools).";
    } catch (e) {
      groupsNote.textContent = "Could not list the consumer groups: " + e.message;
    }
  }

  // ---- Dead letters ------------------------------------------------------------------------
  const dlqBody = panel(grid, "Dead letters", "dead-letters");
  const dlqNote = el("div", { class: "note", text: "Loading the dead-letter topics…" });
  const refresh = el("button", { id: "dlq-refresh", type: "button", text: "Refresh" });
  dlqBody.append(el("div", { class: "inline" }, dlqNote, refresh));
  const dlqTable = table(
    dlqBody,
    [
      { key: "topic", label: "dead-letter topic" },
      { key: "pipeline", label: "pipeline" },
      { key: "error", label: "error type" },
      { key: "count", label: "count", num: true },
      { key: "action", label: "" },
    ],
    "No dead letters — records a pipeline cannot process land here with their error type; none so far.",
  );
  const dlqAnswer = el("pre", { id: "dlq-answer", class: "json" });
  dlqBody.append(dlqAnswer);

  async function loadDeadLetters() {
    const answer = await send("GET", "/api/dlq");
    if (answer.status !== 200) {
      dlqNote.textContent = "Could not list the dead letters (" + answer.status + "): " + (answer.body && answer.body.error ? answer.body.error : "");
      return;
    }
    const listing = answer.body;
    const counts = new Map();
    listing.records.forEach((r) => {
      const key = [r.topic, r.pipeline, r.error_type].join("\u0000");
      counts.set(key, (counts.get(key) || 0) + 1);
    });
    dlqTable.rows(
      Array.from(counts, ([key, count]) => {
        const [topic, pipeline, errorType] = key.split("\u0000");
        const button = el("button", { type: "button", class: "replay", text: "Replay " + count });
        button.addEventListener("click", () => replay(button, { pipeline, error_type: errorType, topic }));
        return { attrs: { "data-dlq-topic": topic, "data-error-type": errorType }, topic, pipeline: pipeline || "–", error: errorType, count: fmt.int(count), action: button };
      }),
    );
    dlqBody.dataset.count = String(listing.total);
    dlqNote.textContent = listing.topics.length
      ? fmt.int(listing.total) + " dead letter(s) in " + listing.topics.join(", ") + (listing.unreadable ? " · " + fmt.int(listing.unreadable) + " unreadable record(s)" : "")
      : "This run has no dead-letter topics.";
  }

  async function replay(button, selection) {
    button.disabled = true;
    dlqAnswer.dataset.status = "pending";
    dlqAnswer.textContent = "Replaying " + selection.error_type + " of " + selection.pipeline + "…";
    const answer = await send("POST", "/api/dlq/replay", selection);
    button.disabled = false;
    dlqAnswer.dataset.status = String(answer.status);
    const body = answer.body || {};
    let line;
    if (answer.status === 200) line = "Replayed " + body.replayed + ", skipped " + body.skipped.length + ".";
    else if (answer.status === 401 || answer.status === 403)
      line = answer.status + " — " + (body.title || body.error || "refused") + (api.token() ? "" : " (type the API token into the field at the top)");
    else line = answer.status + " — " + (body.error || body.title || "failed");
    dlqAnswer.textContent = line + "\n" + JSON.stringify(body, null, 2);
    dlqAnswer.scrollIntoView({ block: "nearest" });
    if (answer.status === 200) loadDeadLetters();
  }
  refresh.addEventListener("click", loadDeadLetters);

  // ---- Refreshing --------------------------------------------------------------------------
  const active = () => (location.hash || "").split("?")[0] === "#topics";
  function onShow() {
    if (!active()) return;
    loadTopics();
    loadGroups();
    loadDeadLetters();
  }
  window.addEventListener("hashchange", onShow);
  setInterval(() => {
    if (active() && !document.hidden) {
      loadTopics();
      loadGroups();
    }
  }, REFRESH_MS);
  onShow();
  return {};
});
