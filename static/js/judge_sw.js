/* The judge's app shell: the ballot page and its assets are kept on the device, so the page
   opens when the Wi-Fi is down and shows the kept draft and any pending send (offline.js).
   Pages: network first, the kept copy when there is no network. Assets: the kept copy at once,
   refreshed in the background. Everything else (sending, polling, CSRF) goes to the network
   untouched. ES2017. */
"use strict";
var CACHE = "tourney-judge-v1";
var SHELL = ["css/app.css", "css/judge.css", "js/offline.js", "js/ballot_rules.js", "js/ballot.js", "js/judge_live.js"];

self.addEventListener("install", function (event) {
  var base = new URL("../static/", self.location.href).href;
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(SHELL.map(function (path) { return base + path; }));
  }).then(function () { return self.skipWaiting(); }));
});
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

function keep(request, response) {
  if (response && response.ok) {
    var copy = response.clone();
    caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
  }
  return response;
}

self.addEventListener("fetch", function (event) {
  var request = event.request, url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) { return; }
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).then(function (r) { return keep(request, r); }, function () {
      return caches.match(request, { ignoreSearch: true, ignoreVary: true }).then(function (hit) { return hit || Response.error(); });
    }));
  } else if (url.pathname.indexOf("/static/") === 0) {
    // Kept under the plain name (js/ballot.js, not js/ballot.<content hash>.js): one copy per
    // file, found whichever version of the page asks for it.
    var plain = url.origin + url.pathname.replace(/\.[0-9a-f]{12}(\.\w+)$/, "$1");
    event.respondWith(caches.match(plain, { ignoreSearch: true, ignoreVary: true }).then(function (hit) {
      var fresh = fetch(request).then(function (r) { return keep(plain, r); });
      if (hit) { fresh.catch(function () { /* offline: the kept copy serves */ }); }
      return hit || fresh;
    }));
  }
});
