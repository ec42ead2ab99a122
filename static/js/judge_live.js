/* The open judge's page follows the draw like the public pages do: it polls its debate box with
   conditional GET (a 304 costs almost nothing) and backs off while the network is down. A new
   room, panel or motion is shown in place; another debate, other teams or a draw released to a
   "no debate yet" page reload the page (the draft and any pending send are kept on the device).
   Also registers the app shell (judge_sw.js) so that the page opens without Wi-Fi. ES2017. */
(function () {
  "use strict";
  var box = document.getElementById("debate-live");
  if (!box || !window.fetch) { return; }
  var url = box.getAttribute("data-live"), form = box.getAttribute("data-form") || "";
  var every = Math.max(1, parseFloat(box.getAttribute("data-poll")) || 10), delay = every, etag = null, timer = null;

  function later(seconds) { clearTimeout(timer); timer = setTimeout(check, seconds * 1000); }
  function changed() {
    var ballot = window.TourneyBallot;
    if (ballot && ballot.unsaved && ballot.unsaved()) { /* reloading would lose what was typed */
      var note = document.getElementById("draw-changed");
      if (note) { note.hidden = false; }
      return;
    }
    window.location.reload();
  }
  function check() {
    fetch(url, { headers: etag ? { "If-None-Match": etag } : {}, cache: "no-store", credentials: "same-origin" })
      .then(function (r) {
        if (r.status === 304) { return null; }
        if (!r.ok) { throw new Error("HTTP " + r.status); }
        etag = r.headers.get("ETag");
        return r.json();
      })
      .then(function (d) {
        if (d && (d.form || "") !== form) { changed(); return; }
        if (d && d.html) {
          var tmp = document.createElement("div");
          tmp.innerHTML = d.html;
          if (tmp.textContent !== box.textContent) { box.innerHTML = d.html; }
        }
        delay = every;
        later(every);
      })
      .catch(function () { delay = Math.min(delay * 2, 60); later(delay); });
  }
  window.addEventListener("online", function () { later(0); });
  later(every);

  /* a judge taken off the draw: a ballot still waiting for the old debate is sent, and said so */
  var outbox = box.getAttribute("data-outbox"), O = window.TourneyOffline, note = document.getElementById("moved");
  if (outbox && O && note) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    var sender = O.sender({ url: outbox, name: "tourney-outbox:" + outbox,
      headers: function () { return meta ? { "X-CSRFToken": meta.content } : {}; },
      onState: function (state, entry, info) {
        if (state !== "answered") { return; }
        document.getElementById("moved-status").textContent = info.data.ok ? note.getAttribute("data-sent") :
          note.getAttribute(info.data.code === "not_on_panel" ? "data-not-on-panel" : "data-refused");
      } });
    var kept = O.store("tourney-ballot:" + outbox).load();
    var unsent = kept && kept.values && !(kept.receipt && O.canonical(kept.values) === kept.receipt.content);
    if (sender.pending() || unsent) {
      note.hidden = false;
      document.getElementById("moved-draft").textContent = kept && kept.summary ? kept.summary : "";
      sender.resume();
    }
  }

  var sw = box.getAttribute("data-sw");
  if (sw && navigator.serviceWorker) {
    navigator.serviceWorker.register(sw, { scope: sw.replace(/[^/]*$/, "") }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function () { /* this page itself, for the next load without Wi-Fi */
      if (window.caches) { return caches.open("tourney-judge-v1").then(function (c) { return c.add(location.href); }); }
    }).catch(function () { /* no app shell: the page still works online */ });
  }
}());
