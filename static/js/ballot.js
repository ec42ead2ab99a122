/* Tourney ballot: device draft, live totals and checks, summary, retries under one key. ES2017. */
(function () {
  "use strict";
  var form = document.getElementById("ballot");
  if (!form || !window.fetch) { return; }
  var cfg = JSON.parse(form.getAttribute("data-config")), T = cfg.text, sides = cfg.sides;
  var STORE = "tourney-ballot:" + cfg.submit_url, positions = {};
  cfg.positions.forEach(function (p) { positions[p.code] = p; });
  var summary = byId("summary"), receipt = byId("receipt"), status = byId("net-status");
  var touched = {}, reviewed = false, sending = false, timer = null, delay = 0, state, errs;

  function byId(id) { return document.getElementById(id); }
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function fill(text, params) {
    return text.replace(/%\((\w+)\)s/g, function (all, k) { return params[k] == null ? "?" : params[k]; });
  }
  function label(side) { return cfg.labels[side] || side; }
  function other(side) { return side === sides[0] ? sides[1] : sides[0]; }
  function byRank(r) { return sides.slice().sort(function (a, b) { return r[a] - r[b]; }); }

  /* scores in hundredths: no float drift */
  function units(text) {
    var t = String(text == null ? "" : text).trim().replace(",", ".");
    if (t === "") { return null; }
    return /^-?\d+(\.\d+)?$/.test(t) ? Math.round(parseFloat(t) * 1e6) / 1e4 : NaN;
  }
  function show(u) { return String(Math.round(u) / 100); }
  function offStep(u, p) {
    var r = (u - units(p.min)) / units(p.step);
    return Math.abs(r - Math.round(r)) > 1e-6;
  }

  /* ---- storage survives a reload or a dead battery */
  function load() {
    try {
      var s = JSON.parse(localStorage.getItem(STORE) || "null");
      return s && s.debate === cfg.debate_id ? s : null;
    } catch (e) { return null; }
  }
  function save() {
    try { localStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* storage off */ }
  }
  function newKey() {
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
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
  function totals(v) {
    var t = { complete: true };
    sides.forEach(function (side) {
      t[side] = 0;
      cfg.positions.forEach(function (p) {
        var u = units(v[side + "." + p.code + ".score"]);
        if (u === null || isNaN(u)) { t.complete = false; } else { t[side] += u; }
      });
    });
    return t;
  }
  function ranksOf(v) {
    var r = {};
    sides.forEach(function (s) { r[s] = parseInt(v["ranks." + s], 10); });
    return r;
  }

  /* ---- the engine's checks, mirrored (same codes, same messages) */
  function add(field, code, params) { errs.push({ field: field, code: code, params: params || {} }); }
  function check(v) {
    var seen = {}, t = totals(v);
    errs = [];
    sides.forEach(function (side) {
      cfg.positions.forEach(function (p) {
        var slot = side + "." + p.code, raw = v[slot + ".score"], u = units(raw), sp = v[slot + ".speaker"];
        if (u === null) { add(slot + ".score", "score_missing"); }
        else if (isNaN(u)) { add(slot + ".score", "score_invalid"); }
        else if (u < units(p.min) || u > units(p.max)) {
          add(slot + ".score", "score_out_of_range", { score: raw, min: p.min, max: p.max });
        } else if (offStep(u, p)) { add(slot + ".score", "score_off_step", { score: raw, step: p.step }); }
        if (!sp) { add(slot + ".speaker", "speaker_missing"); }
        else if (p.reply_by.length) {
          if (p.reply_by.map(function (c) { return v[side + "." + c + ".speaker"]; }).indexOf(sp) < 0) {
            add(slot + ".speaker", "reply_speaker_ineligible", { positions: p.reply_by.join(" / ") });
          }
        } else if (seen[sp]) { add(slot + ".speaker", "speaker_repeated", { speaker: cfg.speakers[sp] }); }
        else { seen[sp] = true; }
      });
    });
    if (cfg.two_team) { checkWinner(v, t); } else { checkRanks(v, t); }
    return errs;
  }
  function inverted(field, better, worse, t) {
    if (t[better] === t[worse] && !cfg.ties_allowed) {
      add(field, "totals_tied", { total: show(t[better]), other_side: label(worse) });
    } else if (t[better] < t[worse]) {
      if (!cfg.low_point_allowed) {
        add(field, "low_point_win_forbidden",
          { total: show(t[better]), other_side: label(worse), other_total: show(t[worse]) });
      }
      return true;
    }
    return false;
  }
  function checkWinner(v, t) {
    var w = v.winner, marked = v.low_point_win === "1";
    if (!w) { add("winner", "winner_missing"); return; }
    if (!t.complete) { return; }
    var low = inverted("winner", w, other(w), t);
    if (cfg.low_point_allowed && low && !marked) { add("low_point_win", "low_point_win_unmarked"); }
    if (marked && !low) { add("low_point_win", "low_point_win_flag_wrong"); }
  }
  function checkRanks(v, t) {
    var r = ranksOf(v), holder = {};
    sides.forEach(function (s) {
      if (isNaN(r[s])) { add("ranks." + s, "ranks_missing"); }
      else if (holder[r[s]]) { add("ranks." + s, "ranks_not_distinct", { rank: r[s], other_side: label(holder[r[s]]) }); }
      else { holder[r[s]] = s; }
    });
    if (Object.keys(holder).length === sides.length && t.complete) {
      var order = byRank(r);
      order.forEach(function (better, i) {
        order.slice(i + 1).forEach(function (worse) { inverted("ranks." + better, better, worse, t); });
      });
    }
  }

  function visible(field) {
    var slot = field.replace(/\.(speaker|score)$/, "");
    return touched[field] || touched[slot] || (/^(winner|low_point_win)$/.test(field) && (touched.winner || touched.low_point_win));
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
      p.textContent = (p.textContent ? p.textContent + " " : "") + (e.message || fill(cfg.messages[e.code] || e.code, e.params));
      p.hidden = false;
      var control = form.elements[e.field];
      if (control && control.setAttribute) { control.setAttribute("aria-invalid", "true"); }
      first = first || control || p;
    });
    return first;
  }

  /* ---- the result as the scores say; a low-point win only when ticked */
  function derive(changed) {
    var v = values(), t = totals(v);
    if (!t.complete || changed === "winner") { return; }
    if (!cfg.two_team) {
      sides.slice().sort(function (a, b) { return t[b] - t[a]; }).forEach(function (s, i) {
        form.elements["ranks." + s].value = String(i + 1);
      });
      return;
    }
    var a = sides[0], b = sides[1], lp = form.elements.low_point_win;
    if (t[a] === t[b]) { return; }
    var high = t[a] > t[b] ? a : b, win = lp && lp.checked ? other(high) : high;
    each(form.querySelectorAll('input[name="winner"]'), function (r) { r.checked = r.value === win; });
  }
  function verdict(v) {
    var t = totals(v), w = v.winner;
    if (!t.complete) { return T.incomplete; }
    if (!cfg.two_team) {
      var r = ranksOf(v);
      return byRank(r).map(function (s) {
        return fill(T.ranks, { rank: isNaN(r[s]) ? "?" : r[s], side: label(s), total: show(t[s]) });
      }).join("; ");
    }
    if (!w) { return t[sides[0]] === t[sides[1]] ? fill(T.tied, { total: show(t[sides[0]]) }) : T.incomplete; }
    var o = other(w);
    return fill(t[w] < t[o] ? T.verdict_low : T.verdict, { side: label(w), score: show(t[w]) + "–" + show(t[o]) }) +
      ", " + fill(T.margin, { margin: show(Math.abs(t[w] - t[o])) });
  }
  function refresh() {
    var v = values(), t = totals(v);
    sides.forEach(function (s) { form.querySelector('[data-total="' + s + '"]').textContent = show(t[s]); });
    byId("verdict").textContent = verdict(v);
    byId("bar-totals").textContent = sides.map(function (s) { return label(s) + " " + show(t[s]); }).join(" · ");
    showErrors(check(v), reviewed);
  }
  function say(text, bad) {
    status.textContent = text || "";
    status.hidden = !text;
    status.classList.toggle("bad", !!bad);
  }
  function clock() {
    var d = new Date();
    return ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2);
  }

  /* ---- editing: an edit after a submit becomes a new version under a new key */
  function edited(e) {
    var name = e.target.name;
    if (!name || SKIP[name] || state.status === "pending") { return; }
    if (state.status === "sent") { state.status = "draft"; state.key = null; say(T.changed); }
    state.key = state.key || newKey();
    touched[name] = true;
    derive(name);
    state.values = values();
    save();
    refresh();
    byId("saved").textContent = fill(T.draft_saved, { time: clock() });
  }
  function step(button) {
    var input = form.elements[button.getAttribute("data-for")], p = positions[input.name.split(".")[1]];
    var u = units(input.value), min = units(p.min), max = units(p.max), st = units(p.step);
    u = u === null || isNaN(u) ? Math.round((max - min) / 2 / st) : Math.round((u - min) / st) + Number(button.getAttribute("data-step"));
    input.value = show(Math.min(max, Math.max(min, min + u * st)));
    edited({ target: input });
  }

  /* ---- review, send, retry */
  function swap(showSummary) {
    form.hidden = showSummary;
    summary.hidden = !showSummary;
  }
  function review(event) {
    event.preventDefault();
    reviewed = true;
    state.key = state.key || newKey();
    var v = values(), first = showErrors(check(v), true);
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
    var t = totals(v), body = summary.querySelector("tbody");
    byId("summary-verdict").textContent = verdict(v);
    body.textContent = "";
    sides.forEach(function (side) {
      var head = body.appendChild(document.createElement("tr"));
      cell(head, label(side), "th").colSpan = 2;
      cell(head, show(t[side]), "th").className = "num";
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
  function freshCsrf() {
    return fetch(cfg.csrf_url, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (d) { meta.content = d.csrf; });
  }
  function lock(on) { byId("send").disabled = byId("edit").disabled = on; }
  function send() {
    if (sending) { return; }
    sending = true;
    clearTimeout(timer);
    state.status = "pending";
    save();
    lock(true);
    say(T.sending);
    fetch(cfg.submit_url, {
      method: "POST", credentials: "same-origin", cache: "no-store", referrerPolicy: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": meta.content },
      body: JSON.stringify(state.payload)
    }).then(function (r) {
      if (r.status === 400) { return freshCsrf().then(failed, failed); }
      if (r.status >= 500 || r.status === 408 || r.status === 429) { return failed(); }
      return r.json().then(answered, function () { answered({ ok: false, message: T.refused }); });
    }, failed);
  }
  function failed() {
    sending = false;
    delay = Math.min(delay ? delay * 2 : 1500, 15000);
    say(T.offline, true);
    timer = setTimeout(send, delay);
  }
  function answered(data) {
    sending = false;
    delay = 0;
    lock(false);
    swap(false);
    if (data.ok) {
      var r = data.receipt;
      state.status = "sent";
      state.receipt = r;
      state.key = null;
      save();
      say("");
      byId("receipt-text").textContent = fill(T.received, { time: r.submitted_at_local, version: r.version, id: r.ballot_id });
      receipt.hidden = false;
      receipt.focus();
      return;
    }
    state.status = "draft";
    save();
    var first = showErrors(data.errors || [], true);
    if (first) { first.focus(); }
    say(data.message || T.fix, true);
  }

  /* ---- start: the device's draft unless the server holds a newer ballot */
  state = load();
  if (state && state.status === "sent" && cfg.server_ballot && (state.receipt || {}).ballot_id !== cfg.server_ballot) {
    state = null;
  }
  if (state) { apply(state.values); }
  else { state = { debate: cfg.debate_id, values: values(), status: cfg.server_ballot ? "sent" : "draft" }; }
  each(form.querySelectorAll(".nojs-only"), function (el) { el.hidden = true; });
  form.elements.checked.required = false;
  form.classList.add("js");
  form.addEventListener("input", edited);
  form.addEventListener("change", edited);
  form.addEventListener("click", function (e) { if (e.target.classList.contains("step")) { step(e.target); } });
  form.addEventListener("submit", review);
  byId("edit").addEventListener("click", function () {
    swap(false);
    form.querySelector("select, input[type=text]").focus();
  });
  byId("send").addEventListener("click", function () {
    state.payload = values();
    state.payload.key = state.key;
    send();
  });
  window.addEventListener("online", function () { if (state.status === "pending") { delay = 0; send(); } });
  refresh();
  if (state.status === "pending" && state.payload) {
    apply(state.payload);
    buildSummary(state.payload);
    swap(true);
    send();
  }
})();
