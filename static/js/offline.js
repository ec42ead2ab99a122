/* Tourney offline kit: a draft kept on the device, and a sender that never loses or doubles a
   submission. Shared by the judge's ballot and any other form filled in on flaky Wi-Fi. ES2017.

   TourneyOffline.store(name) -> Store           one JSON value in localStorage under `name`
     store.load()        -> value, or null (nothing kept, or storage unreadable)
     store.save(value)   -> true only when the value was written AND reads back the same;
                            false when storage is full, blocked or throws: say "NOT kept".
     store.remove()

   TourneyOffline.sender(options) -> Sender      one outbox slot, kept in storage
     options.url         where to POST (JSON body)
     options.name        storage name of the outbox (the pending send survives a reload)
     options.timeout     ms before a silent request is given up and retried (default 15000)
     options.headers()   extra request headers, asked before every attempt (e.g. CSRF)
     options.read(resp)  -> Promise of the answer's data; reject with TourneyOffline.RETRY
                            (or anything) to go the retry path. Default: 2xx/4xx JSON is an
                            answer, 408/429/5xx and network errors are retried.
     options.onState(state, entry, info)   state is one of
                            "sending"   a request is on its way
                            "waiting"   it failed or timed out; info.delay ms to the next try
                            "answered"  info.data is the server's answer; the outbox is empty
                            "superseded" another tab sent a newer entry; this one stops
     sender.send(body)   -> entry {key, body, content}. The idempotency key is bound to the
                            content: sending the same content again while it is still unanswered
                            reuses its key (a retry is recognised); any other content, or any
                            send after an answer, gets a new key (never a receipt for
                            something else). `body.key` is set by the sender.
     sender.pending()    -> the entry waiting in the outbox (also one left by a reload), or null
     sender.resume()     send the pending entry now, if any (after a reload, on `online`)
     sender.drop()       forget the pending entry and stop retrying
     sender.busy()       true while an entry is pending (sending or waiting)
   Retries back off from 1.5 s to 15 s; an `online` event retries at once, also while a
   request is stalled (it is aborted first: the same key makes the repeat harmless). */
(function () {
  "use strict";
  var RETRY = { retry: true };

  function store(name) {
    function read() { return window.localStorage.getItem(name); }
    return {
      load: function () {
        try { return JSON.parse(read() || "null"); } catch (e) { return null; }
      },
      save: function (value) {
        try {
          var text = JSON.stringify(value);
          window.localStorage.setItem(name, text);
          return read() === text;
        } catch (e) { return false; }
      },
      remove: function () {
        try { window.localStorage.removeItem(name); } catch (e) { /* nothing kept anyway */ }
      }
    };
  }

  /* the same content always reads the same, whatever the order its fields were set in */
  function canonical(body) {
    var keys = Object.keys(body).filter(function (k) { return k !== "key"; }).sort();
    return JSON.stringify(keys.map(function (k) { return [k, body[k]]; }));
  }
  function newKey() {
    var bytes = window.crypto.getRandomValues(new Uint8Array(16));
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }

  function defaultRead(response) {
    var s = response.status;
    if (s >= 500 || s === 408 || s === 429) { return Promise.reject(RETRY); }
    return response.json().catch(function () { return { ok: false }; });
  }

  function sender(options) {
    var outbox = store(options.name);
    var timeout = options.timeout || 15000, read = options.read || defaultRead;
    var onState = options.onState || function () {};
    var mine = null, timer = null, delay = 0, inFlight = null, attempt = 0;

    /* a key is reused only to repeat the unanswered send of the same content; once answered it
       is spent, so sending earlier content again later is a new version, not an old receipt */
    function keyFor(content) {
      var kept = mine || outbox.load();
      return kept && kept.content === content ? kept.key : newKey();
    }
    function stillMine() {
      var kept = outbox.load();
      return !kept || !mine || kept.key === mine.key;
    }
    function stop() {
      clearTimeout(timer);
      timer = null;
      if (inFlight) { inFlight.abort(); inFlight = null; }
    }
    function post(entry) {
      stop();
      if (!stillMine()) { mine = null; onState("superseded", entry, {}); return; }
      var seq = ++attempt, ctl = window.AbortController ? new AbortController() : null, done = false;
      inFlight = { abort: function () { done = true; if (ctl) { ctl.abort(); } } };
      onState("sending", entry, {});
      var headers = { "Content-Type": "application/json", "Accept": "application/json" };
      var extra = options.headers ? options.headers() : {};
      Object.keys(extra).forEach(function (k) { headers[k] = extra[k]; });
      var guard = setTimeout(function () { if (!done) { inFlight.abort(); failed(entry, seq); } }, timeout);
      fetch(options.url, {
        method: "POST", credentials: "same-origin", cache: "no-store", referrerPolicy: "same-origin",
        headers: headers, body: JSON.stringify(entry.body), signal: ctl ? ctl.signal : undefined
      }).then(function (response) {
        if (done) { return null; }
        return read(response).then(function (data) {
          if (done) { return; }
          done = true;
          clearTimeout(guard);
          answered(entry, seq, data);
        });
      }).catch(function () {
        clearTimeout(guard);
        if (!done) { done = true; failed(entry, seq); }
      });
    }
    function failed(entry, seq) {
      if (seq !== attempt || mine !== entry) { return; }
      inFlight = null;
      delay = Math.min(delay ? delay * 2 : 1500, 15000);
      onState("waiting", entry, { delay: delay });
      timer = setTimeout(function () { post(entry); }, delay);
    }
    function answered(entry, seq, data) {
      if (seq !== attempt || mine !== entry) { return; }
      inFlight = null;
      delay = 0;
      if (stillMine()) { outbox.remove(); }
      mine = null;
      onState("answered", entry, { data: data });
    }

    window.addEventListener("online", function () { if (mine) { delay = 0; post(mine); } });
    return {
      send: function (body) {
        var copy = {};
        Object.keys(body).forEach(function (k) { copy[k] = body[k]; });
        var content = canonical(copy);
        copy.key = keyFor(content);
        mine = { key: copy.key, body: copy, content: content, at: Date.now() };
        outbox.save(mine);
        delay = 0;
        post(mine);
        return mine;
      },
      pending: function () { return mine || outbox.load(); },
      resume: function () {
        var kept = mine || outbox.load();
        if (kept) { mine = kept; delay = 0; post(kept); }
      },
      drop: function () { stop(); if (stillMine()) { outbox.remove(); } mine = null; },
      busy: function () { return !!mine; }
    };
  }

  window.TourneyOffline = { store: store, sender: sender, canonical: canonical, RETRY: RETRY };
}());
