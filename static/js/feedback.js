/* Tourney feedback forms: each form's draft kept on the device, sent through offline.js (retries
   under a content-bound key until the server answers). Without this script the forms post as
   plain HTML. ES2017. */
(function () {
  "use strict";
  var O = window.TourneyOffline, box = document.getElementById("feedback-config");
  if (!O || !box || !window.fetch) { return; }
  var cfg = JSON.parse(box.getAttribute("data-config")), T = cfg.text;
  var meta = document.querySelector('meta[name="csrf-token"]');

  function fill(text, params) {
    return text.replace(/%\((\w+)\)s/g, function (all, k) { return params[k] == null ? "?" : params[k]; });
  }
  function clock() {
    var d = new Date();
    return ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2);
  }
  function read(r) {
    if (r.status === 400) { /* the CSRF token expired with the session: fetch a new one, retry */
      return fetch(cfg.csrf_url, { credentials: "same-origin", cache: "no-store" })
        .then(function (x) { return x.json(); })
        .then(function (d) { meta.content = d.csrf; throw O.RETRY; });
    }
    if (r.status >= 500 || r.status === 408 || r.status === 429) { return Promise.reject(O.RETRY); }
    return r.json().catch(function () { return { ok: false, message: T.refused }; });
  }

  function setUp(form) {
    var id = form.getAttribute("data-form-id"), name = "tourney-feedback:" + cfg.submit_url + ":" + id;
    var draft = O.store(name + ":draft"), status = form.querySelector("[data-status]");
    var saved = form.querySelector("[data-saved]"), receipt = form.querySelector("[data-receipt]");
    var button = form.querySelector("button[type=submit]");

    function answers() {
      var a = {};
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!el.name || el.name.indexOf("q.") !== 0) { return; }
        if (el.type === "radio") { if (el.checked) { a[el.name.slice(2)] = el.value; } }
        else { a[el.name.slice(2)] = el.value; }
      });
      return a;
    }
    function apply(a) {
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!el.name || el.name.indexOf("q.") !== 0) { return; }
        var v = a[el.name.slice(2)];
        if (el.type === "radio") { el.checked = v === el.value; } else if (v !== undefined) { el.value = v; }
      });
    }
    function say(text, bad) {
      status.textContent = text || "";
      status.hidden = !text;
      status.classList.toggle("bad", !!bad);
    }
    function showErrors(list) {
      Array.prototype.forEach.call(form.querySelectorAll("p.error"), function (p) { p.remove(); });
      list.forEach(function (e) {
        var input = form.elements["q." + e.field], at = input && (input.length ? input[0] : input);
        var where = at ? at.closest("fieldset") : status;
        var p = document.createElement("p");
        p.className = "error";
        p.textContent = e.message;
        where.appendChild(p);
      });
    }
    function onState(state, entry, info) {
      button.disabled = state === "sending" || state === "waiting";
      form.setAttribute("data-state", state);
      if (state === "sending") { say(T.sending); return; }
      if (state === "waiting") { say(T.offline, true); return; }
      if (state === "superseded") { say(""); return; }
      var data = info.data || {};
      if (data.ok) {
        draft.remove();
        say("");
        showErrors([]);
        receipt.textContent = fill(T.received, { time: data.receipt.submitted_at_local, version: data.receipt.version });
        receipt.hidden = false;
        receipt.classList.add("just");
        saved.textContent = "";
        return;
      }
      showErrors(data.errors || []);
      say(data.message || "", true);
    }
    var sender = O.sender({
      url: cfg.submit_url, name: name + ":outbox", read: read, onState: onState,
      headers: function () { return { "X-CSRFToken": meta.content }; }
    });
    var kept = draft.load();
    if (kept) { apply(kept); }
    form.addEventListener("change", function () {
      saved.textContent = draft.save(answers()) ? fill(T.draft_saved, { time: clock() }) : "";
    });
    form.addEventListener("input", function () { draft.save(answers()); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (form.reportValidity && !form.reportValidity()) { return; }
      sender.send({
        debate_id: form.elements.debate_id.value,
        target_id: form.elements.target_id.value,
        answers: answers()
      });
    });
    var pending = sender.pending();
    if (pending) { apply(pending.body.answers || {}); sender.resume(); }
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-feedback-form]"), setUp);
}());
