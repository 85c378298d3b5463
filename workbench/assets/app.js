// The workbench page: the staffing grid, automatic runs, staffing help
// and saving. Everything shown comes from the server; this script only
// collects the page's state, sends it and places the answers.
"use strict";
(function () {
  const wb = document.getElementById("wb");
  const picker = document.getElementById("picker");
  if (picker) {
    picker.addEventListener("change", () => picker.form.submit());
  }
  if (!wb) {
    return;
  }
  const $ = (id) => document.getElementById(id);
  let doc = wb.dataset.doc;
  let hash = wb.dataset.hash;
  const rows = [];
  document.querySelectorAll("input.cell").forEach((el) => {
    const r = +el.dataset.row;
    (rows[r] = rows[r] || [])[+el.dataset.col] = el;
  });
  const demands = Array.from(document.querySelectorAll("input.demand"));
  // State for tests and for people curious about timings.
  const state = (window.svcsim = { runs: 0, busy: false, last: null, latencies: [], error: "" });
  let controller = null;
  let timer = null;

  const MAX = 9999;
  const isCount = (s) => /^\s*\d{1,4}\s*$/.test(s) && +s <= MAX;
  const isPercent = (s) => /^\s*\d+(\.\d+)?\s*$/.test(s) && +s <= 1000;

  function markCell(el) {
    const ok = isCount(el.value);
    el.classList.toggle("invalid", !ok);
    el.classList.toggle("changed", ok && +el.value !== +el.dataset.base);
    if (ok) {
      el.setAttribute("value", String(+el.value));
    }
  }
  function markDemand(el) {
    const ok = isPercent(el.value);
    el.classList.toggle("invalid", !ok);
    el.classList.toggle("changed", ok && +el.value !== 100);
  }

  // firstProblem names the first cell or field the server would refuse.
  function firstProblem() {
    for (const row of rows) {
      for (const el of row || []) {
        if (!isCount(el.value)) {
          return el.getAttribute("aria-label") + ": a whole number of staff from 0 to " + MAX + " (got \u201c" + el.value + "\u201d)";
        }
      }
    }
    for (const el of demands) {
      if (!isPercent(el.value)) {
        return "demand: a percentage from 0 to 1000 (got \u201c" + el.value + "\u201d)";
      }
    }
    for (const id of ["days", "reps"]) {
      if (!/^\s*\d+\s*$/.test($(id).value)) {
        return id + ": a whole number (got \u201c" + $(id).value + "\u201d)";
      }
    }
    return "";
  }

  function body(extra) {
    return Object.assign({
      doc: doc,
      hash: hash,
      edit: { staff: rows.map((r) => r.map((el) => +el.value)), demand: demands.map((el) => +el.value) },
      settings: { days: +$("days").value, replications: +$("reps").value, seed: $("seed").value },
    }, extra || {});
  }

  function setStatus(text) {
    $("status").textContent = text;
  }

  function showProblem(p) {
    const box = $("problems-box");
    box.replaceChildren();
    if (!p) {
      box.hidden = true;
      return;
    }
    const head = document.createElement("p");
    head.className = "error";
    head.textContent = p.error;
    box.appendChild(head);
    if (p.problems) {
      const ul = document.createElement("ul");
      for (const e of p.problems) {
        const li = document.createElement("li");
        li.textContent = (e.line ? "line " + e.line + (e.column ? ", column " + e.column : "") + ": " : "") + (e.field ? e.field + ": " : "") + e.msg;
        ul.appendChild(li);
      }
      box.appendChild(ul);
    }
    box.hidden = false;
    state.error = p.error;
  }

  // post sends a request and hands each line of the answer to onLine;
  // a refusal arrives as one JSON object.
  async function post(url, data, signal, onLine) {
    const res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(data),
      signal: signal,
    });
    const type = res.headers.get("Content-Type") || "";
    if (!type.includes("ndjson")) {
      let p;
      try {
        p = await res.json();
      } catch (e) {
        p = { error: res.status + " " + res.statusText };
      }
      p.status = res.status;
      onLine(p);
      return;
    }
    const reader = res.body.getReader();
    const dec = new TextDecoder();
    let buf = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        break;
      }
      buf += dec.decode(value, { stream: true });
      let i;
      while ((i = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        if (line.trim()) {
          onLine(JSON.parse(line));
        }
      }
    }
  }

  // schedule runs the page's state soon; every change calls it, so it
  // also notes when the change was made, for state.fromChange (the time
  // from a change to its result, pause included).
  function schedule() {
    state.changedAt = performance.now();
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  }

  async function run() {
    const bad = firstProblem();
    $("cell-error").textContent = bad;
    $("cell-error").hidden = !bad;
    if (bad) {
      if (controller) {
        controller.abort();
      }
      setStatus("Correct the marked field to run again; the results below are of the last valid grid.");
      $("result").classList.add("stale");
      state.error = bad;
      return;
    }
    if (controller) {
      controller.abort();
    }
    const mine = (controller = new AbortController());
    const started = performance.now();
    state.busy = true;
    state.error = "";
    const bar = $("progress");
    bar.value = 0;
    bar.hidden = false;
    setStatus("Running\u2026");
    $("result").classList.add("stale");
    try {
      await post("/api/run", body(), mine.signal, (line) => {
        if (line.progress) {
          bar.max = line.progress.total;
          bar.value = line.progress.done;
          setStatus("Running\u2026 " + line.progress.done + " of " + line.progress.total + " replications");
        } else if (line.result) {
          show(line.result, performance.now() - started);
        } else if (line.error) {
          showProblem(line);
          setStatus("Not run.");
        }
      });
    } catch (e) {
      if (e.name !== "AbortError") {
        showProblem({ error: "the server did not answer: " + e.message });
        setStatus("Not run.");
      }
    } finally {
      if (controller === mine) {
        state.busy = false;
        bar.hidden = true;
      }
    }
  }

  function show(r, ms) {
    showProblem(null);
    $("result").innerHTML = r.html;
    $("result").classList.remove("stale");
    state.last = r;
    state.runs++;
    state.latencies.push(ms);
    if (state.changedAt !== undefined) {
      state.fromChange = performance.now() - state.changedAt;
    }
    const what = r.changed ? "Your change against the file's staffing" : "The file's staffing (change a cell to compare)";
    const days = r.days === 1 ? "1 day" : r.days + " days";
    setStatus(what + " \u2014 " + r.replications + " replications of " + days + ", answered in " + Math.round(ms) + " ms.");
    $("variant-text").textContent = r.variant || "(no change yet)";
    $("dl-report").href = "/download/" + r.run + "/report.html";
    $("dl-xlsx").href = "/download/" + r.run + "/results.xlsx";
    $("downloads").hidden = false;
  }

  // The grid: typing, arrow keys, + and -, dragging along a row.
  let drag = null;
  rows.forEach((row) =>
    row.forEach((el) => {
      el.addEventListener("focus", () => el.select());
      el.addEventListener("input", () => {
        markCell(el);
        schedule();
      });
      el.addEventListener("keydown", (ev) => {
        const r = +el.dataset.row;
        const c = +el.dataset.col;
        const moves = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0], Enter: [1, 0] };
        if (moves[ev.key]) {
          const [dr, dc] = moves[ev.key];
          const next = rows[r + dr] && rows[r + dr][c + dc];
          if (next) {
            next.focus();
          }
          ev.preventDefault();
        } else if ((ev.key === "+" || ev.key === "-") && !el.readOnly) {
          const v = isCount(el.value) ? +el.value : +el.dataset.base;
          el.value = String(Math.min(MAX, Math.max(0, v + (ev.key === "+" ? 1 : -1))));
          markCell(el);
          schedule();
          ev.preventDefault();
        }
      });
      // + and - adjust (above); they never become part of the number.
      el.addEventListener("beforeinput", (ev) => {
        if (ev.data === "+" || ev.data === "-") {
          ev.preventDefault();
        }
      });
      // Dragging copies a value along the row; it never moves the
      // selected text from cell to cell.
      el.addEventListener("dragstart", (ev) => ev.preventDefault());
      el.addEventListener("drop", (ev) => ev.preventDefault());
      // A press focuses the cell without starting a text selection, which
      // would hold the mouse inside the cell and stop the drag.
      el.addEventListener("mousedown", (ev) => {
        if (ev.button !== 0) {
          return;
        }
        ev.preventDefault();
        el.focus();
        if (!el.readOnly && isCount(el.value)) {
          drag = { row: +el.dataset.row, value: el.value, moved: false };
        }
      });
      el.addEventListener("pointerenter", (ev) => {
        if (drag && ev.buttons & 1 && +el.dataset.row === drag.row && el.value !== drag.value) {
          el.value = drag.value;
          el.classList.add("dragging");
          markCell(el);
          drag.moved = true;
        }
      });
    })
  );
  document.addEventListener("pointerup", () => {
    if (drag && drag.moved) {
      document.querySelectorAll("input.dragging").forEach((el) => el.classList.remove("dragging"));
      schedule();
    }
    drag = null;
  });
  demands.forEach((el) =>
    el.addEventListener("input", () => {
      markDemand(el);
      schedule();
    })
  );
  ["days", "reps"].forEach((id) => $(id).addEventListener("input", schedule));
  $("reset").addEventListener("click", () => {
    rows.forEach((row) =>
      row.forEach((el) => {
        el.value = el.dataset.base;
        markCell(el);
      })
    );
    demands.forEach((el) => {
      el.value = "100";
      markDemand(el);
    });
    schedule();
  });

  // fill writes an answer's grid into the cells and runs it.
  function fill(staff) {
    staff.forEach((vals, r) =>
      vals.forEach((v, c) => {
        rows[r][c].value = String(v);
        markCell(rows[r][c]);
      })
    );
    schedule();
  }

  // Staffing help.
  let helping = null;
  $("staff-help").addEventListener("click", async () => {
    if (helping) {
      helping.abort();
    }
    const mine = (helping = new AbortController());
    const status = $("help-status");
    status.className = "muted";
    status.textContent = "searching\u2026";
    try {
      await post("/api/staffing", body({ targets: $("targets").value }), mine.signal, (line) => {
        if (line.progress) {
          status.textContent = "searching\u2026 " + line.progress.done + " staffings tried";
        } else if (line.staffing) {
          status.textContent = line.staffing.message;
          fill(line.staffing.staff);
        } else if (line.error) {
          status.className = "error";
          status.textContent = line.error + (line.problems ? ": " + line.problems.map((p) => p.msg).join("; ") : "");
        }
      });
    } catch (e) {
      if (e.name !== "AbortError") {
        status.className = "error";
        status.textContent = "the server did not answer: " + e.message;
      }
    }
  });

  // The rota: the cheapest rota of the file's shift patterns; its staff
  // on duty fills the grid, its cost, bound, solver and targets show
  // below the button.
  let rotaRun = null;
  $("rota-help").addEventListener("click", async () => {
    if (rotaRun) {
      rotaRun.abort();
    }
    const mine = (rotaRun = new AbortController());
    const status = $("rota-status");
    const box = $("rota-result");
    status.className = "muted";
    status.textContent = "solving and simulating\u2026";
    box.classList.add("stale");
    try {
      let sims = 0;
      await post("/api/rota", body({ targets: $("targets").value }), mine.signal, (line) => {
        if (line.progress) {
          sims = line.progress.done;
          status.textContent = "solving and simulating\u2026 " + sims + " simulations";
        } else if (line.log) {
          status.textContent = sims + " simulations; last: " + line.log;
        } else if (line.rota) {
          status.className = line.rota.met ? "muted" : "error";
          status.textContent = line.rota.message;
          box.innerHTML = line.rota.html;
          box.classList.remove("stale");
          state.rota = line.rota;
          fill(line.rota.staff);
        } else if (line.error) {
          status.className = "error";
          status.textContent = line.error + (line.problems ? ": " + line.problems.map((p) => p.msg).join("; ") : "");
          box.replaceChildren();
          box.classList.remove("stale");
        }
      });
    } catch (e) {
      if (e.name !== "AbortError") {
        status.className = "error";
        status.textContent = "the server did not answer: " + e.message;
      }
    }
  });

  // Saving.
  async function save(replace) {
    const status = $("save-status");
    const mode = (document.querySelector("input[name=mode]:checked") || {}).value;
    $("save-replace").hidden = true;
    status.className = "";
    status.textContent = "saving\u2026";
    const res = await fetch("/api/save", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body({ name: $("variant-name").value, mode: mode, file: ($("new-file") || {}).value || "", replace: replace })),
    });
    let p;
    try {
      p = await res.json();
    } catch (e) {
      p = { error: res.status + " " + res.statusText };
    }
    if (res.ok) {
      status.className = "ok";
      status.textContent = p.message + ". ";
      if (mode === "variant") {
        doc = p.doc;
        hash = p.hash;
        wb.dataset.hash = hash;
      } else {
        const a = document.createElement("a");
        a.href = "/open?id=" + encodeURIComponent(p.doc);
        a.textContent = "Open " + p.file;
        status.appendChild(a);
      }
      return;
    }
    status.className = "error";
    if (p.ask) {
      status.textContent = p.ask;
      $("save-replace").hidden = false;
      return;
    }
    status.textContent = p.error + (p.problems ? ": " + p.problems.map((e) => "line " + e.line + ": " + e.field + ": " + e.msg).join("; ") : "");
  }
  // A new file is named after the variant until its name is typed.
  const newFile = $("new-file");
  if (newFile) {
    let typed = false;
    newFile.addEventListener("input", () => (typed = true));
    $("variant-name").addEventListener("input", () => {
      const slug = $("variant-name").value.trim().toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "");
      if (!typed && slug) {
        newFile.value = slug + ".yaml";
      }
    });
  }
  const saveButton = $("save");
  if (saveButton) {
    saveButton.addEventListener("click", () => save(false));
    $("save-replace").addEventListener("click", () => save(true));
  }

  run();
})();
