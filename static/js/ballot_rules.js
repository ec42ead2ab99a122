/* Tourney ballot rules in the browser: totals, the scoring engine's checks and the result the
   scores give. Pure functions of (cfg, values); cfg is web/ballot_form.client_config, values the
   form's name -> text. tests/ballot_cases.json is answered identically by this file (in Chromium)
   and by the Python validator, so the two cannot drift. ES2017.

   TourneyBallotRules.units(text)        -> hundredths (integer), null when empty, NaN when unreadable
   TourneyBallotRules.show(units)        -> "78" / "78.5"
   TourneyBallotRules.totals(cfg, v)     -> {complete, <side>: units}
   TourneyBallotRules.check(cfg, v)      -> [{field, code, params}] in the engine's codes
   TourneyBallotRules.derive(cfg, v, explicit) -> {winner} or {ranks: {side: "1"}}: the result the
                                            final scores give; an explicit choice is kept as it is,
                                            tied or incomplete totals give no winner */
(function () {
  "use strict";

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
  function other(cfg, side) { return side === cfg.sides[0] ? cfg.sides[1] : cfg.sides[0]; }

  function totals(cfg, v) {
    var t = { complete: true };
    cfg.sides.forEach(function (side) {
      t[side] = 0;
      cfg.positions.forEach(function (p) {
        var u = units(v[side + "." + p.code + ".score"]);
        if (u === null || isNaN(u)) { t.complete = false; } else { t[side] += u; }
      });
    });
    return t;
  }
  function ranksOf(cfg, v) {
    var r = {};
    cfg.sides.forEach(function (s) { r[s] = /^\d+$/.test(v["ranks." + s] || "") ? parseInt(v["ranks." + s], 10) : NaN; });
    return r;
  }

  function check(cfg, v) {
    var errs = [], seen = {}, t = totals(cfg, v);
    function add(field, code, params) { errs.push({ field: field, code: code, params: params || {} }); }
    function inverted(field, better, worse) {
      if (t[better] === t[worse] && !cfg.ties_allowed) {
        add(field, "totals_tied", { total: show(t[better]), other_side: worse });
      } else if (t[better] < t[worse]) {
        if (!cfg.low_point_allowed) {
          add(field, "low_point_win_forbidden",
            { total: show(t[better]), other_side: worse, other_total: show(t[worse]) });
        }
        return 1;
      }
      return 0;
    }
    cfg.sides.forEach(function (side) {
      cfg.positions.forEach(function (p) {
        var slot = side + "." + p.code, raw = v[slot + ".score"], u = units(raw), sp = v[slot + ".speaker"];
        var roster = (cfg.rosters || {})[side];
        if (u === null) { add(slot + ".score", "score_missing"); }
        else if (isNaN(u)) { add(slot + ".score", "score_invalid"); }
        else if (u < units(p.min) || u > units(p.max)) {
          add(slot + ".score", "score_out_of_range", { score: raw, min: p.min, max: p.max });
        } else if (offStep(u, p)) { add(slot + ".score", "score_off_step", { score: raw, step: p.step }); }
        if (!sp) { add(slot + ".speaker", "speaker_missing"); }
        else if (roster && roster.indexOf(sp) < 0) { add(slot + ".speaker", "speaker_not_in_team", { speaker_id: sp, side: side }); }
        else if (p.reply_by.length) {
          if (p.reply_by.map(function (c) { return v[side + "." + c + ".speaker"]; }).indexOf(sp) < 0) {
            add(slot + ".speaker", "reply_speaker_ineligible", { positions: p.reply_by.join(" / ") });
          }
        } else if (seen[sp]) { add(slot + ".speaker", "speaker_repeated", { speaker_id: sp }); }
        else { seen[sp] = true; }
      });
    });
    var inversions = 0, marked = v.low_point_win === "1";
    if (cfg.two_team) {
      var w = v.winner;
      if (!w) { add("winner", "winner_missing"); return errs; }
      if (cfg.sides.indexOf(w) < 0) { add("winner", "winner_unknown", { winner: w }); return errs; }
      if (!t.complete) { return errs; }
      inversions = inverted("winner", w, other(cfg, w));
    } else {
      var r = ranksOf(cfg, v), holder = {}, n = cfg.sides.length, given = 0;
      cfg.sides.forEach(function (s) { if (!isNaN(r[s])) { given += 1; } });
      if (!given) { add("ranks", "ranks_missing"); return errs; }
      cfg.sides.forEach(function (s) {
        if (isNaN(r[s])) { add("ranks." + s, "ranks_missing"); }
        else if (r[s] < 1 || r[s] > n) { add("ranks." + s, "rank_invalid", { rank: r[s], max: n }); }
        else if (holder[r[s]]) { add("ranks." + s, "ranks_not_distinct", { rank: r[s], other_side: holder[r[s]] }); }
        else { holder[r[s]] = s; }
      });
      if (Object.keys(holder).length !== n || !t.complete) { return errs; }
      var order = cfg.sides.slice().sort(function (a, b) { return r[a] - r[b]; });
      order.forEach(function (better, i) {
        order.slice(i + 1).forEach(function (worse) { inversions += inverted("ranks." + better, better, worse); });
      });
    }
    if (cfg.low_point_allowed && inversions && !marked) { add("low_point_win", "low_point_win_unmarked"); }
    if (marked && !inversions) { add("low_point_win", "low_point_win_flag_wrong"); }
    return errs;
  }

  function derive(cfg, v, explicit) {
    var t = totals(cfg, v);
    if (cfg.two_team) {
      if (explicit.winner) { return { winner: v.winner || "" }; }
      var a = cfg.sides[0], b = cfg.sides[1];
      if (!t.complete || t[a] === t[b]) { return { winner: "" }; }
      return { winner: t[a] > t[b] ? a : b };
    }
    var ranks = {}, order = cfg.sides.slice().sort(function (x, y) { return t[y] - t[x]; });
    var distinct = order.every(function (s, i) { return i === 0 || t[order[i - 1]] !== t[s]; });
    order.forEach(function (s, i) {
      ranks[s] = explicit.ranks ? (v["ranks." + s] || "") : (t.complete && distinct ? String(i + 1) : "");
    });
    return { ranks: ranks };
  }

  window.TourneyBallotRules = { units: units, show: show, totals: totals, check: check, derive: derive, other: other };
}());
