/* Tourney ballot page: live totals and checks (ballot_rules.js), the draft on the device and the
   send under a content-bound key (offline.js), summary, receipt, and a page that follows the draw.
   Also drives the clerk's paper-ballot form (data-paper): totals, -/+ and checks only. ES2017. */
(function () {
  "use strict";
  var form = document.getElementById("ballot"), R = window.TourneyBallotRules, O = window.TourneyOffline;
  if (!form || !window.fetch || !R) { return; }
  var cfg = JSON.parse(form.getAttribute("data-config")), T = cfg.text, sides = cfg.sides;
  var positions = {}, paper = form.hasAttribute("data-paper");
  cfg.positions.forEach(function (p) { positions[p.code] = p; });
  var summary = byId("summary"), receipt = byId("receipt"), status = byId("net-status");
  var touched = {}, reviewed = false, explicit = { winner: false, ranks: false }, draft, store, sender, savedOk = true;

  function byId(id) { return document.getElementById(id); }
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function fill(text, params) {
    return text.replace(/%\((\w+)\)s/g, function (all, k) { return params[k] == null ? "?" : params[k]; });
  }
  function label(side) { return cfg.labels[side] || side; }
  function team(side) { return label(side) + " (" + cfg.teams[side] + ")"; }
  function message(e) {
    var p = {};
    Object.keys(e.params || {}).forEach(function (k) { p[k] = e.params[k]; });
    if (p.other_side) { p.other_side = label(p.other_side); }
    if (p.speaker_id) { p.speaker = cfg.speakers[p.speaker_id]; }
    return e.message || fill(cfg.messages[e.code] || e.code, p);
  }

  /* ---- the form as name -> value, the names the server parses */
  var SKIP = { csrf_token: 1, key: 1, checked: 1 };
  function values() {
    var v = {};
    each(form.elements, function (el) {
      if (!el.name || SKIP[el.name]) { return; }
      if (el.type === "checkbox") { v[el.name] = el.checked ? "1" : ""; }
      else if (el.type !== "radio" || el.checked) { v[el.name] = el.value; }
    });
    if (v.winner === undefined && cfg.two_team) { v.winner = ""; }
    return v;
  }
  function apply(v) {
    each(form.elements, function (el) {
      if (!el.name || SKIP[el.name] || el.name === "debate_id") { return; }
      if (el.type === "radio") { el.checked = v[el.name] === el.value; }
      else if (el.type === "checkbox") { el.checked = v[el.name] === "1"; }
      else if (v[el.name] !== undefined) { el.value = v[el.name]; }
    });
  }

  function visible(field) {
    var slot = field.replace(/\.(speaker|score)$/, "");
    return touched[field] || touched[slot] || (/^(winner|low_point_win|ranks)/.test(field) && (touched.winner || touched.low_point_win || touched.ranks));
  }
  function showErrors(list, all) {
    var first = null;
    each(form.querySelectorAll("[data-error-for]"), function (p) { p.hidden = true; p.textContent = ""; });
    each(form.querySelectorAll(".has-error, [aria-invalid]"), function (d) {
      d.classList.remove("has-error");
      d.removeAttribute("aria-invalid");
    });
    list.forEach(function (e) {
      if (!all && !visible(e.field)) { return; }
      var p = form.querySelector('[data-error-for="' + e.field + '"]') || form.querySelector('[data-error-for="ballot"]');
      p.textContent = (p.textContent ? p.textContent + " " : "") + message(e);
      p.hidden = false;
      var control = form.elements[e.field];
      if (control && control.setAttribute) { control.setAttribute("aria-invalid", "true"); }
      first = first || (control && control.focus ? control : null) || p;
    });
    return first;
  }

  /* ---- the result: from the final scores, unless the judge chose it (then never overridden) */
  function derive() {
    var d = R.derive(cfg, values(), explicit);
    if (d.winner !== undefined) {
      each(form.querySelectorAll('input[name="winner"]'), function (r) { r.checked = r.value === d.winner; });
    } else {
      sides.forEach(function (s) { form.elements["ranks." + s].value = d.ranks[s]; });
    }
  }
  function verdict(v) {
    var t = R.totals(cfg, v), w = v.winner;
    if (!t.complete) { return T.incomplete; }
    if (!cfg.two_team) {
      return sides.slice().sort(function (a, b) { return (v["ranks." + a] || 9) - (v["ranks." + b] || 9); }).map(function (s) {
        return fill(T.ranks, { rank: v["ranks." + s] || "?", side: team(s), total: R.show(t[s]) });
      }).join("; ");
    }
    if (!w) { return t[sides[0]] === t[sides[1]] ? fill(T.tied, { total: R.show(t[sides[0]]) }) : T.incomplete; }
    var o = R.other(cfg, w);
    return fill(t[w] < t[o] ? T.verdict_low : T.verdict, { side: team(w), score: R.show(t[w]) + "–" + R.show(t[o]) }) +
      ", " + fill(T.margin, { margin: R.show(Math.abs(t[w] - t[o])) });
  }
  function refresh() {
    var v = values(), t = R.totals(cfg, v);
    sides.forEach(function (s) { form.querySelector('[data-total="' + s + '"]').textContent = R.show(t[s]); });
    byId("verdict").textContent = verdict(v);
    var bar = byId("bar-totals");
    if (bar) { bar.textContent = sides.map(function (s) { return label(s) + " " + R.show(t[s]); }).join(" · "); }
    showErrors(R.check(cfg, v), reviewed);
  }
  function say(text, bad) {
    status.textContent = text || "";
    status.hidden = !text;
    status.classList.toggle("bad", !!bad);
  }
  function clock(ms) {
    try {
      return new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: cfg.time_zone }).format(new Date(ms));
    } catch (e) { return new Date(ms).toTimeString().slice(0, 5); }
  }

  /* ---- editing */
  function edited(e) {
    var name = e.target.name;
    if (!name || SKIP[name]) { return; }
    touched[name.indexOf("ranks.") === 0 ? "ranks" : name] = true;
    if (name === "winner") { explicit.winner = true; }
    if (name.indexOf("ranks.") === 0) { explicit.ranks = true; }
    if (name === "low_point_win" && e.target.checked) { lowPoint(); }
    derive();
    refresh();
    if (!paper) { keep(); }
  }
  function lowPoint() { /* ticking "low-point win" says the team with fewer points won */
    var t = R.totals(cfg, values()), a = sides[0], b = sides[1];
    if (!cfg.two_team || !t.complete || t[a] === t[b]) { return; }
    var low = t[a] < t[b] ? a : b;
    each(form.querySelectorAll('input[name="winner"]'), function (r) { r.checked = r.value === low; });
    explicit.winner = true;
  }
  function keep() {
    draft.values = values();
    draft.explicit = explicit;
    draft.at = Date.now();
    if (draft.receipt && O.canonical(draft.values) !== draft.receipt.content) { say(T.changed); }
    var ok = savedOk = store.save(draft), saved = byId("saved");
    saved.textContent = ok ? fill(T.draft_saved, { time: clock(draft.at) }) : T.draft_not_saved;
    saved.classList.toggle("bad", !ok);
  }
  function step(button) {
    var input = form.elements[button.getAttribute("data-for")], p = positions[input.name.split(".")[1]];
    var u = R.units(input.value), min = R.units(p.min), max = R.units(p.max), st = R.units(p.step);
    u = u === null || isNaN(u) ? Math.round((max - min) / 2 / st) : Math.round((u - min) / st) + Number(button.getAttribute("data-step"));
    input.value = R.show(Math.min(max, Math.max(min, min + u * st)));
    edited({ target: input, type: "input" });
  }
  function enterMovesOn(e) { /* the on-screen keyboard's Enter goes to the next field */
    var el = e.target;
    if (e.key !== "Enter" || el.tagName === "TEXTAREA" || el.tagName === "BUTTON" || !el.name) { return; }
    e.preventDefault();
    var fields = Array.prototype.filter.call(form.elements, function (f) {
      return f.name && !SKIP[f.name] && f.type !== "hidden" && f.type !== "button" && !f.disabled && f.offsetParent !== null;
    });
    var next = fields[fields.indexOf(el) + 1];
    if (next) { next.focus(); }
  }

  /* ---- review, send, retry */
  function swap(showSummary) {
    form.hidden = showSummary;
    summary.hidden = !showSummary;
  }
  function review(event) {
    event.preventDefault();
    reviewed = true;
    var v = values(), first = showErrors(R.check(cfg, v), true);
    if (first) { say(T.fix, true); first.focus(); return; }
    say("");
    buildSummary(v);
    swap(true);
    summary.focus();
  }
  function cell(row, text, tag) {
    var c = row.appendChild(document.createElement(tag || "td"));
    c.textContent = text;
    return c;
  }
  function buildSummary(v) {
    var t = R.totals(cfg, v), body = summary.querySelector("tbody");
    byId("summary-verdict").textContent = verdict(v);
    body.textContent = "";
    sides.forEach(function (side) {
      var head = body.appendChild(document.createElement("tr"));
      cell(head, team(side), "th").colSpan = 2;
      cell(head, R.show(t[side]), "th").className = "num";
      cfg.positions.forEach(function (p) {
        var row = body.appendChild(document.createElement("tr")), slot = side + "." + p.code;
        cell(row, p.label);
        cell(row, cfg.speakers[v[slot + ".speaker"]] || "");
        cell(row, v[slot + ".score"]).className = "num";
      });
    });
    byId("summary-comments").textContent = v.comments || "";
  }
  var meta = document.querySelector('meta[name="csrf-token"]');
  function read(r) {
    if (r.status === 400) { /* the CSRF token expired with the session: fetch a new one, retry */
      return fetch(cfg.csrf_url, { credentials: "same-origin", cache: "no-store" })
        .then(function (x) { return x.json(); })
        .then(function (d) { meta.content = d.csrf; throw O.RETRY; });
    }
    if (r.status >= 500 || r.status === 408 || r.status === 429) { return Promise.reject(O.RETRY); }
    return r.json().catch(function () { return { ok: false, message: T.refused }; });
  }
  function onState(state, entry, info) {
    var old = entry.body.debate_id !== String(cfg.debate_id);
    /* "Submit" stays usable: the same content again is a retry now, changed content replaces it */
    if (state === "sending") { say(T.sending); }
    else if (state === "waiting") { say(T.offline + " " + fill(T.retry_in, { seconds: Math.round(info.delay / 1000) }), true); }
    else if (state === "superseded") { say(""); }
    else if (old) { movedAnswer(info.data); }
    else { answered(entry, info.data); }
  }
  function send() {
    var v = values();
    v.debate_id = String(cfg.debate_id);
    sender.send(v);
  }
  function answered(entry, data) {
    swap(false);
    if (data.ok) {
      var r = data.receipt;
      draft.receipt = { ballot_id: r.ballot_id, content: O.canonical(entry.body) };
      store.save(draft);
      say("");
      showReceipt(r, entry.body);
      return;
    }
    var first = showErrors(data.errors || [], true);
    if (first) { first.focus(); }
    say(data.message || T.fix, true);
  }
  function showReceipt(r, v) {
    byId("receipt-text").textContent = fill(T.received, { time: r.submitted_at_local, version: r.version, id: r.ballot_id });
    byId("receipt-decision").textContent = verdict(v);
    byId("receipt-confirmed").hidden = !r.result_confirmed;
    receipt.hidden = false;
    receipt.focus();
  }

  /* ---- a judge moved to another debate: the old draft stays in view until dismissed */
  function showMoved(old) {
    var box = byId("moved");
    if (!box) { return; }
    byId("moved-draft").textContent = (old.summary || "") + " — " + sides.map(function (s) {
      var t = R.totals(cfg, old.values || {});
      return label(s) + ": " + cfg.positions.map(function (p) { return (old.values || {})[s + "." + p.code + ".score"] || "–"; }).join(", ") + " (" + R.show(t[s]) + ")";
    }).join(" · ");
    box.hidden = false;
    byId("moved-dismiss").addEventListener("click", function () {
      if (sender.busy() && sender.pending().body.debate_id !== String(cfg.debate_id)) { return; }
      O.store(store.name + ":moved").remove();
      box.hidden = true;
    });
  }
  function movedAnswer(data) {
    say("");
    var moved = byId("moved-status");
    if (moved) { moved.textContent = data.ok ? fill(T.moved_sent, { id: data.receipt.ballot_id }) : (data.code === "not_on_panel" ? T.moved_refused : data.message || T.refused); }
  }

  function start() {
    var name = "tourney-ballot:" + cfg.submit_url;
    store = O.store(name);
    store.name = name;
    sender = O.sender({ url: cfg.submit_url, name: "tourney-outbox:" + cfg.submit_url, timeout: cfg.timeout_ms,
      headers: function () { return { "X-CSRFToken": meta.content }; }, read: read, onState: onState });
    if (cfg.server_ballot) { byId("receipt-decision").textContent = verdict(values()); } /* as stored */
    draft = store.load();
    var movedStore = O.store(name + ":moved"), moved = movedStore.load();
    if (draft && draft.debate !== cfg.debate_id) {
      moved = { debate: draft.debate, summary: draft.summary, values: draft.values };
      movedStore.save(moved);
      draft = null;
    }
    if (moved) { showMoved(moved); }
    var serverNewer = draft && cfg.server_ballot && (draft.receipt || {}).ballot_id !== cfg.server_ballot &&
      draft.receipt && O.canonical(draft.values) === draft.receipt.content;
    if (draft && !serverNewer) {
      apply(draft.values);
      explicit = draft.explicit || explicit;
      if (draft.at) { byId("saved").textContent = fill(T.draft_saved, { time: clock(draft.at) }); }
    } else {
      explicit = { winner: !!cfg.server_ballot, ranks: !!cfg.server_ballot };
      draft = { debate: cfg.debate_id, values: values(), explicit: explicit, summary: cfg.summary };
      if (cfg.server_ballot) { draft.receipt = { ballot_id: cfg.server_ballot, content: O.canonical(values()) }; }
    }
    draft.summary = cfg.summary;
    if (moved) { savedOk = store.save(draft); } /* the old debate's draft now lives in the notice */
    byId("send").addEventListener("click", send);
    byId("edit").addEventListener("click", function () {
      swap(false);
      form.querySelector("select, input[type=text]").focus();
    });
    var pending = sender.pending();
    if (pending) {
      if (pending.body.debate_id === String(cfg.debate_id)) {
        apply(pending.body);
        buildSummary(pending.body);
        swap(true);
      }
      sender.resume();
    }
  }

  each(form.querySelectorAll(".nojs-only"), function (el) { el.hidden = true; });
  if (form.elements.checked) { form.elements.checked.required = false; }
  form.classList.add("js");
  form.addEventListener("input", edited);
  form.addEventListener("change", edited);
  form.addEventListener("keydown", enterMovesOn);
  form.addEventListener("click", function (e) { if (e.target.classList.contains("step")) { step(e.target); } });
  if (!paper) {
    start();
    form.addEventListener("submit", review);
  }
  refresh();
  window.TourneyBallot = { cfg: cfg, unsaved: function () { return !savedOk; } };
})();
