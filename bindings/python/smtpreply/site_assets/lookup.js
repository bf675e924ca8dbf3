// smtpreply's lookup for the reference site: what a code means, read from
// catalog.json (exported from the C++ tables by smtpreply.site). It holds no
// fact of its own, only the way to find one; tests/python/test_site.py runs
// it under node against smtpreply.explain() for every code.
(function (root) {
  "use strict";

  function pad3(n) { return ("00" + n).slice(-3); }

  // explainCode(catalog, 421, "en"): the fields of smtpreply.explain(421).
  function explainCode(catalog, value, lang) {
    var L = catalog.languages[lang], B = L.basic, key = pad3(value);
    var first = Math.floor(value / 100), second = Math.floor(value / 10) % 10;
    var out = {
      code: value,
      action: catalog.action_names[+B.actions.charAt(value)],
      class_name: B.classes[first][0], class_meaning: B.classes[first][1],
      category_name: B.categories[second][0], category_meaning: B.categories[second][1]
    };
    var row = B.codes[key];
    if (row) {
      out.known = true;
      ["name", "meaning", "when_seen", "how_to_fix", "reference", "closes_connection", "commands"].forEach(
        function (f) { out[f] = row[f]; });
    } else {
      var v = B.unlisted[+B.unlisted_index.charAt(value)];
      out.known = false;
      out.name = v[0]; out.meaning = v[1]; out.when_seen = v[2]; out.how_to_fix = v[3]; out.reference = v[4];
      out.closes_connection = false; out.commands = [];
    }
    out.action_description = L.action_texts[out.action];
    return out;
  }

  // explainEnhanced(catalog, [5, 7, 1], "en"): the fields of smtpreply.explain("5.7.1").
  function explainEnhanced(catalog, parts, lang) {
    var L = catalog.languages[lang], E = L.enhanced;
    var k = parts[0], s = parts[1], d = parts[2];
    var subjectKey = s < 8 ? String(s) : "8";
    var acts = E.actions[k + "." + subjectKey];
    var action = acts.except[String(d)];
    var out = {
      code: k + "." + s + "." + d,
      action: catalog.action_names[action === undefined ? acts["default"] : action],
      class_name: E.classes[k][0], class_description: E.classes[k][1],
      subject_name: E.subjects[subjectKey][0], subject_description: E.subjects[subjectKey][1],
      known_subject: s < 8, vendor: null
    };
    var row = s < 8 ? E.rows[s + "." + d] : undefined;
    if (row) {
      out.known = true; out.name = row.name; out.description = row.description; out.reference = row.reference;
      out.basic_codes = row.basic_codes; out.deprecated = row.deprecated;
    } else {
      out.known = false; out.name = out.subject_name; out.description = out.subject_description;
      out.reference = E.fallback_reference[s < 8 ? "known_subject" : "unknown_subject"];
      out.basic_codes = []; out.deprecated = false;
    }
    E.vendors.forEach(function (v) {
      if (v["class"] === k && v.subject === s && d >= v.first && d <= v.last) {
        out.vendor = { vendor: v.vendor, name: v.name, description: v.description, source: v.source };
      }
    });
    out.action_description = L.action_texts[out.action];
    return out;
  }

  // The parts of an enhanced code "5.7.1" (RFC 3463: class 2, 4 or 5, no leading zeros, 1-3 digits).
  function parseEnhanced(text) {
    var m = /^([245])\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/.exec(text);
    return m ? [+m[1], +m[2], +m[3]] : null;
  }

  // readReply("550 5.1.1 User unknown"): {code: 550, enhanced: [5, 1, 1] or null, text}; null if no code.
  // The enhanced code is read from the first line and kept only when its class is the code's first digit.
  function readReply(text) {
    var line = String(text).replace(/^\s+/, "").split(/\r?\n/)[0];
    var m = /^(\d{3})(?:[ \-\t](.*))?$/.exec(line);
    if (!m) return null;
    var code = +m[1], rest = m[2] || "";
    var e = /^(\d+\.\d+\.\d+)(?=\s|$)/.exec(rest);
    var parts = e ? parseEnhanced(e[1]) : null;
    if (parts && parts[0] !== Math.floor(code / 100)) parts = null;
    return { code: code, enhanced: parts, text: rest };
  }

  // search(catalog, "421", "en"): [[code or id, name, path], ...], best first.
  function search(catalog, query, lang) {
    var q = String(query).trim().toLowerCase();
    if (!q) return [];
    var scored = [];
    catalog.languages[lang].search.forEach(function (entry) {
      var id = entry[0].toLowerCase(), name = entry[1].toLowerCase();
      var score = id === q ? 0 : id.indexOf(q) === 0 ? 1 : id.indexOf(q) >= 0 ? 2 : name.indexOf(q) >= 0 ? 3 : -1;
      if (score >= 0) scored.push([score, entry]);
    });
    scored.sort(function (a, b) { return a[0] - b[0]; });
    return scored.map(function (x) { return x[1]; });
  }

  var api = { explainCode: explainCode, explainEnhanced: explainEnhanced, parseEnhanced: parseEnhanced,
              readReply: readReply, search: search };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.SmtpreplyLookup = api;
})(this);
