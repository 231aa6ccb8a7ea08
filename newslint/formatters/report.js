// newslint HTML report: filters by rule, category and severity; the URL fragment holds them
// (#rule=spun-phrases&category=paraphrase,mangled&severity=warning), so a filtered view can be
// shared and reopened; #article=N shows one article, #focus=ID opens a finding's tooltip.
// No network, no libraries.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var shown = document.getElementById("shown");

  // By query, not form.elements[name]: with one checkbox that is the element, not a list.
  function boxes(name) { return Array.prototype.slice.call(form.querySelectorAll("input[name=" + name + "]")); }

  function checked(name) {
    return boxes(name).filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
  }

  function matches(el, rule, categories, severities) {
    return (!rule || el.dataset.rule === rule) && categories.indexOf(el.dataset.category) >= 0 &&
      severities.indexOf(el.dataset.severity) >= 0;
  }

  function apply() {
    var rule = form.elements.rule.value, categories = checked("category"), severities = checked("severity");
    var count = 0, total = 0;
    document.querySelectorAll("mark.finding").forEach(function (mark) {
      var on = matches(mark, rule, categories, severities);
      mark.classList.toggle("off", !on);
      if (!mark.classList.contains("cont")) {
        total += 1;
        count += on ? 1 : 0;
        mark.tabIndex = on ? 0 : -1;  // keyboard focus skips what is filtered out
      }
    });
    document.querySelectorAll("table.findings tbody tr, #by-rule tbody tr").forEach(function (row) {
      row.hidden = row.dataset.category ? !matches(row, rule, categories, severities) : (rule && row.dataset.rule !== rule);
    });
    shown.value = count + " of " + total + " findings shown";
    var state = [];
    if (rule) state.push("rule=" + encodeURIComponent(rule));
    if (categories.length < boxes("category").length) state.push("category=" + categories.join(","));
    if (severities.length < boxes("severity").length) state.push("severity=" + severities.join(","));
    history.replaceState(null, "", state.length ? "#" + state.join("&") : location.pathname + location.search);
  }

  function fromHash() {
    var params = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var kv = pair.split("=");
      if (kv.length === 2) params[kv[0]] = decodeURIComponent(kv[1]);
    });
    if (params.article) {  // #article=2 shows that article alone, e.g. to send it to its writer
      var article = document.getElementById("article-" + params.article);
      if (article) { document.body.classList.add("single"); article.classList.add("current"); }
    }
    if (!("rule" in params || "category" in params || "severity" in params || "focus" in params)) return;
    if (params.rule) form.elements.rule.value = params.rule;
    ["category", "severity"].forEach(function (name) {
      if (!(name in params)) return;
      var wanted = params[name].split(",");
      boxes(name).forEach(function (box) { box.checked = wanted.indexOf(box.value) >= 0; });
    });
    if (params.focus) {  // #focus=f1-0 opens a finding's tooltip, as a reader tabbing to it would
      setTimeout(function () { var mark = document.getElementById(params.focus); if (mark) mark.focus(); }, 0);
    }
  }

  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  // Enter on a finding row's link focuses the finding in the text; Escape leaves a tooltip.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && document.activeElement && document.activeElement.matches("mark.finding")) {
      document.activeElement.blur();
    }
  });
  document.querySelectorAll("table.findings a").forEach(function (link) {
    link.addEventListener("click", function () {
      var mark = document.getElementById(link.getAttribute("href").slice(1));
      if (mark) setTimeout(function () { mark.focus(); }, 0);
    });
  });
  fromHash();
  apply();
})();
