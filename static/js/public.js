/* Public pages: keep the live part fresh by polling it with conditional GET (a 304 costs
   almost nothing), back off quietly while the network is down, and page through the rooms
   in projector mode. ES2017, no inline code (the Content-Security-Policy forbids it). */
(function () {
  "use strict";

  var MAX_DELAY = 30;
  var UPDATED_SECONDS = 4;

  function focusKey(live) {
    var active = document.activeElement;
    if (!active || !live.contains(active)) {
      return null;
    }
    return active.getAttribute("href") || active.id || null;
  }

  function refocus(live, key) {
    if (!key) {
      return;
    }
    var again = live.querySelector('[href="' + CSS.escape(key) + '"]') || document.getElementById(key);
    if (again) {
      again.focus();
    }
  }

  /* The rows a reader opened ("More figures") stay open when the page updates. */
  function openKeys(live) {
    return Array.prototype.map.call(live.querySelectorAll("details[open][data-keep-open]"), function (box) {
      return box.getAttribute("data-keep-open");
    });
  }

  function reopen(live, keys) {
    keys.forEach(function (key) {
      var box = live.querySelector('details[data-keep-open="' + CSS.escape(key) + '"]');
      if (box) {
        box.open = true;
      }
    });
  }

  function poll(live) {
    var url = live.getAttribute("data-live");
    var every = Math.max(1, parseInt(live.getAttribute("data-poll"), 10) || 5);
    var etag = live.getAttribute("data-etag") ? '"' + live.getAttribute("data-etag") + '"' : null;
    var offline = document.querySelector("[data-offline]");
    var updated = document.querySelector("[data-updated]");
    var delay = every;
    var timer = null;
    var hideUpdated = null;

    function later(seconds) {
      clearTimeout(timer);
      timer = null;
      if (document.hidden) {
        return; // a background tab does not poll; visibilitychange starts it again
      }
      timer = setTimeout(check, seconds * 1000);
    }

    function swap(html) {
      var key = focusKey(live);
      var open = openKeys(live);
      live.innerHTML = html;
      reopen(live, open);
      refocus(live, key);
      document.dispatchEvent(new CustomEvent("public:updated"));
      if (updated) {
        updated.hidden = false;
        clearTimeout(hideUpdated);
        hideUpdated = setTimeout(function () { updated.hidden = true; }, UPDATED_SECONDS * 1000);
      }
    }

    function check() {
      var headers = {};
      if (etag) {
        headers["If-None-Match"] = etag;
      }
      fetch(url, { headers: headers, cache: "no-store", credentials: "same-origin" })
        .then(function (response) {
          if (response.status === 304) {
            return null;
          }
          if (!response.ok) {
            throw new Error("HTTP " + response.status);
          }
          etag = response.headers.get("ETag");
          return response.text().then(swap);
        })
        .then(function () {
          if (offline) {
            offline.hidden = true;
          }
          delay = every;
          later(every);
        })
        .catch(function () {
          if (offline) {
            offline.hidden = false;
          }
          delay = Math.min(delay * 2, MAX_DELAY);
          later(delay);
        });
    }

    window.addEventListener("online", function () { later(0); });
    document.addEventListener("visibilitychange", function () {
      if (document.hidden) {
        clearTimeout(timer);
        timer = null;
      } else {
        later(0); // back in front: fetch at once, it is a cheap conditional GET
      }
    });
    later(every);
  }

  /* What changed: after each poll that brings a new version, the parts marked data-watch whose
     text differs from the version before (or that are new) are marked "changed" for a few
     seconds, and the "updated" notice says when, as HH:MM in the tournament's time zone (the
     hall's clock, whatever the phone's zone; the phone's clock where Intl cannot do it). */
  var CHANGED_SECONDS = 6;

  function watched(live) {
    var found = {};
    Array.prototype.forEach.call(live.querySelectorAll("[data-watch]"), function (part) {
      found[part.getAttribute("data-watch")] = part.textContent.replace(/\s+/g, " ").trim();
    });
    return found;
  }

  function clockTime(zone) {
    var now = new Date();
    try {
      return new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: zone }).format(now);
    } catch (error) {
      return ("0" + now.getHours()).slice(-2) + ":" + ("0" + now.getMinutes()).slice(-2);
    }
  }

  function markChanges(live) {
    var before = watched(live);
    var notice = document.querySelector("[data-updated]");
    var unmark = null;
    document.addEventListener("public:updated", function () {
      var after = watched(live);
      var changed = Array.prototype.filter.call(live.querySelectorAll("[data-watch]"), function (part) {
        return before[part.getAttribute("data-watch")] !== after[part.getAttribute("data-watch")];
      });
      before = after;
      changed.forEach(function (part) { part.classList.add("changed"); });
      clearTimeout(unmark);
      unmark = setTimeout(function () {
        changed.forEach(function (part) { part.classList.remove("changed"); });
      }, CHANGED_SECONDS * 1000);
      var text = notice && notice.getAttribute("data-updated-text");
      if (text) {
        notice.textContent = text.replace("{time}", clockTime(notice.getAttribute("data-time-zone")));
      }
    });
  }

  /* Projector: split the rows (rooms, or teams) into pages that fit under the heading, and
     show one page at a time. Rows are measured all shown, by where each one ends below the
     first: the table's column widths are fixed (public.css), so a page shows its rows exactly
     as tall as measured. Measured once the fonts are in, and again on resize, after a live
     swap and when a late font arrives. */
  function pageRows(box) {
    var seconds = Math.max(3, parseInt(box.getAttribute("data-pages"), 10) || 12);
    var GAP = 8; // px kept free above the page indicator
    var page = 0;

    function groups() {
      var table = document.querySelector("[data-pages] table");
      if (!table || !table.tBodies.length || !table.tBodies[0].rows.length) {
        return [];
      }
      var rows = Array.prototype.slice.call(table.tBodies[0].rows);
      rows.forEach(function (row) { row.hidden = false; });
      var indicator = document.querySelector("[data-page-indicator]");
      var bottom = (indicator ? indicator.getBoundingClientRect().top : window.innerHeight) - GAP;
      var room = fitTallest(table, rows, bottom);
      var result = [];
      var start = 0;
      rows.forEach(function (row) {
        var box = row.getBoundingClientRect();
        if (!result.length || box.bottom - start > room) {
          result.push([]);
          start = box.top;
        }
        result[result.length - 1].push(row);
      });
      return result;
    }

    /* A row taller than a whole page would be cut off: make the type smaller until the
       tallest row fits (a few steps, from the stylesheet's size each time). Returns the height
       a page has, from the first row's top down to ``bottom``. */
    function fitTallest(table, rows, bottom) {
      table.style.fontSize = "";
      var room = 0;
      for (var step = 0; step < 8; step += 1) {
        room = bottom - rows[0].getBoundingClientRect().top;
        var tallest = Math.max.apply(null, rows.map(function (row) {
          return row.getBoundingClientRect().height;
        }));
        if (tallest <= room || room <= 0) {
          break;
        }
        var size = parseFloat(window.getComputedStyle(table).fontSize);
        table.style.fontSize = (size * Math.max(0.5, Math.sqrt(room / tallest)) - 1) + "px";
      }
      return room;
    }

    function show() {
      var pages = groups();
      if (!pages.length) {
        return;
      }
      page = ((page % pages.length) + pages.length) % pages.length;
      pages.forEach(function (rows, index) {
        rows.forEach(function (row) { row.hidden = index !== page; });
      });
      var indicator = document.querySelector("[data-page-indicator]");
      if (indicator) {
        indicator.textContent = pages.length > 1 ? (page + 1) + " / " + pages.length : "";
      }
    }

    /* document.fonts.ready alone may resolve before the first layout has asked for a web font,
       so the faces the rows use (regular and bold) are asked for first. */
    function showWhenFontsAreIn() {
      if (!document.fonts) {
        show();
        return;
      }
      var family = window.getComputedStyle(box).fontFamily;
      Promise.all(["400", "700"].map(function (weight) {
        return document.fonts.load(weight + " 1em " + family).catch(function () { return null; });
      })).then(function () { return document.fonts.ready; }).then(show);
    }

    var timer = setInterval(next, seconds * 1000);
    function next() { page += 1; show(); }
    function previous() { page -= 1; show(); }

    document.addEventListener("keydown", function (event) {
      if (event.key === "ArrowRight" || event.key === "PageDown" || event.key === " ") {
        event.preventDefault();
        next();
      } else if (event.key === "ArrowLeft" || event.key === "PageUp") {
        event.preventDefault();
        previous();
      } else {
        return;
      }
      clearInterval(timer);
      timer = setInterval(next, seconds * 1000);
    });
    document.addEventListener("public:updated", showWhenFontsAreIn);
    window.addEventListener("resize", showWhenFontsAreIn);
    if (document.fonts) {
      document.fonts.addEventListener("loadingdone", show);
    }
    showWhenFontsAreIn();
  }

  var live = document.querySelector("[data-live]");
  if (live && window.fetch) {
    markChanges(live);
    poll(live);
  }
  var paged = document.querySelector("[data-pages]");
  if (paged) {
    pageRows(paged);
  }
}());
