// The reference site's page behaviour: the search box and the paste box.
// Every text it shows comes from catalog.js (exported from the tables).
(function () {
  "use strict";
  var catalog = window.SMTPREPLY_CATALOG, L = window.SmtpreplyLookup;
  var body = document.body, root = body.getAttribute("data-root"), lang = body.getAttribute("data-lang");
  var words = catalog.languages[lang].words;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }
  function pageOf(code) {
    var hit = catalog.languages[lang].search.filter(function (e) { return e[0] === code; })[0];
    return hit ? root + lang + "/" + hit[2] : null;
  }

  // ---- search
  var q = document.getElementById("q"), results = document.getElementById("results");
  function showResults() {
    results.textContent = "";
    var found = L.search(catalog, q.value, lang).slice(0, 12);
    if (q.value.trim() && !found.length) results.appendChild(el("li", {}, [words.no_results]));
    found.forEach(function (e) {
      results.appendChild(el("li", {}, [el("a", { href: root + lang + "/" + e[2] }, [e[0]]), " " + e[1]]));
    });
  }
  if (q) {
    q.addEventListener("input", showResults);
    document.getElementById("search-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var first = results.querySelector("a");
      if (first) window.location.href = first.getAttribute("href");
    });
  }

  // ---- paste box
  function facts(rows) {
    var dl = el("dl", { "class": "facts" });
    rows.forEach(function (r) { dl.appendChild(el("dt", {}, [r[0]])); dl.appendChild(el("dd", {}, [r[1]])); });
    return dl;
  }
  function titled(code, name) {
    var href = pageOf(String(code));
    return el("h3", {}, href ? [el("a", { href: href }, [String(code)]), " " + name] : [code + " " + name]);
  }
  function explainedCode(x) {
    var first = Math.floor(x.code / 100), second = Math.floor(x.code / 10) % 10;
    var code = ("00" + x.code).slice(-3);
    return el("section", { "class": "pasted" }, [
      titled(code, x.name),
      facts([[words["class"], first + "xx " + x.class_name + ": " + x.class_meaning],
             [words.category, "x" + second + "x " + x.category_name + ": " + x.category_meaning]]),
      el("h4", {}, [words.description]), el("p", {}, [x.meaning]),
      el("h4", {}, [words.when_seen]), el("p", {}, [x.when_seen]),
      el("h4", {}, [words.how_to_fix]), el("p", {}, [x.how_to_fix]),
      facts([[words.action, x.action + ": " + x.action_description],
             [words.closes, x.closes_connection ? words.yes : words.no], [words.reference, x.reference]])
    ]);
  }
  function explainedEnhanced(x) {
    var parts = x.code.split(".");
    var rows = [[words["class"], parts[0] + ".x.x " + x.class_name + ": " + x.class_description],
                [words.subject, "x." + parts[1] + ".x " + x.subject_name + ": " + x.subject_description]];
    var nodes = [titled(x.code, x.name), facts(rows), el("h4", {}, [words.description]), el("p", {}, [x.description])];
    if (x.vendor) nodes.push(el("p", {}, [words.vendor + ": " + x.vendor.vendor + ": " + x.vendor.name + ". " +
                                          x.vendor.description + " (" + x.vendor.source + ")"]));
    nodes.push(facts([[words.action, x.action + ": " + x.action_description], [words.reference, x.reference]]));
    return el("section", { "class": "pasted" }, nodes);
  }
  var form = document.getElementById("paste-form");
  if (form) {
    var out = document.getElementById("explained");
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      out.textContent = "";
      var r = L.readReply(document.getElementById("reply").value);
      if (!r) { out.appendChild(el("p", { "class": "note" }, [words.not_a_reply])); return; }
      out.appendChild(explainedCode(L.explainCode(catalog, r.code, lang)));
      if (r.enhanced) out.appendChild(explainedEnhanced(L.explainEnhanced(catalog, r.enhanced, lang)));
    });
  }
})();
