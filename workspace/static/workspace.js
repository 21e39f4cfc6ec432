// Survivor Voices workspace: keyboard coding, span selection and small form helpers.
// Plain JavaScript, served by the app itself; no outside requests.
(function () {
  "use strict";
  var csrf = (document.querySelector('meta[name="csrf"]') || {}).content || "";

  function flash(msg, bad) {
    var el = document.getElementById("flash");
    if (!el) return;
    el.textContent = msg;
    el.className = bad ? "bad" : "ok";
  }

  function api(path, body, isForm) {
    var opts = {method: "POST", credentials: "same-origin", headers: {"X-CSRF-Token": csrf}};
    if (isForm) { opts.body = body; } else {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body || {});
    }
    return fetch(path, opts).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) {
        if (!r.ok) { throw new Error(data.error || ("request failed (" + r.status + ")")); }
        return data;
      });
    });
  }
  window.voicesApi = api;

  // Forms marked data-api post JSON (or multipart) to their endpoint, then reload.
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    var path = form.getAttribute("data-api");
    if (!path) return;
    ev.preventDefault();
    var req;
    if (form.enctype === "multipart/form-data") {
      req = api(path, new FormData(form), true);
    } else {
      var body = {};
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!el.name) return;
        if (el.type === "checkbox") { body[el.name] = el.checked; return; }
        if (el.value !== "") body[el.name] = el.value;
      });
      var list = form.getAttribute("data-list");
      if (list && body[list]) body[list] = body[list].split(",").map(function (s) { return s.trim(); }).filter(Boolean);
      var parts = form.getAttribute("data-parts");
      if (parts && body[parts]) body[parts] = body[parts].split(",").map(function (s) { return {id: s.trim()}; }).filter(function (p) { return p.id; });
      if (body.size) body.size = parseInt(body.size, 10);
      req = api(path, body);
    }
    req.then(function (d) { flash(d.message || "Saved."); setTimeout(function () { location.reload(); }, 300); })
       .catch(function (e) { flash(e.message, true); });
  });

  // Offsets of the current selection inside an element's text (null when outside it).
  function selectionIn(el) {
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    var r = sel.getRangeAt(0);
    if (!el.contains(r.startContainer) || !el.contains(r.endContainer)) return null;
    var pre = document.createRange();
    pre.selectNodeContents(el);
    pre.setEnd(r.startContainer, r.startOffset);
    var start = pre.toString().length;
    var text = r.toString();
    var end = start + text.length;
    // trim surrounding white space from the selection
    while (start < end && /\s/.test(text.charAt(0))) { start++; text = text.slice(1); }
    while (end > start && /\s/.test(text.charAt(text.length - 1))) { end--; text = text.slice(0, -1); }
    if (end <= start) return null;
    return {start: start, end: end, text: text};
  }

  // ---- queue page ------------------------------------------------------------------------------
  function queuePage() {
    var box = document.getElementById("coding");
    var help = document.getElementById("help");
    if (!box) {
      document.addEventListener("keydown", function (ev) { if (ev.key === "?" && help) help.hidden = !help.hidden; });
      return;
    }
    var seg = box.getAttribute("data-segment"), queue = box.getAttribute("data-queue");
    var answerId = box.getAttribute("data-answer");
    var canCode = box.getAttribute("data-can-code") === "yes";
    var answer = document.getElementById("answer");
    var search = document.getElementById("code-search");
    var memoForm = document.getElementById("memo-form"), memoText = document.getElementById("memo-text");
    var spanBar = document.getElementById("span-bar");
    var items = Array.prototype.slice.call(document.querySelectorAll("#codes .code"));
    var span = null, spanCodes = {};
    var histKey = "voices-history:" + queue;
    var hist = JSON.parse(sessionStorage.getItem(histKey) || "[]");

    function go(id) { location.href = "/queue?q=" + encodeURIComponent(queue) + (id ? "&seg=" + encodeURIComponent(id) : ""); }
    function toggle(li) {
      if (!li) return;
      if (span) {
        var c = li.getAttribute("data-code");
        spanCodes[c] = !spanCodes[c];
        li.classList.toggle("span-on", !!spanCodes[c]);
      } else { li.classList.toggle("on"); }
    }
    function byKey(k) { return items.filter(function (li) { return li.getAttribute("data-key") === k; })[0]; }
    function chosen() { return items.filter(function (li) { return li.classList.contains("on"); }).map(function (li) { return li.getAttribute("data-code"); }); }
    function submit() {
      if (!canCode) { flash("Your role cannot change codes.", true); return; }
      api("/api/segments/" + encodeURIComponent(seg) + "/submit", {codes: chosen(), queue: queue}).then(function (d) {
        hist.push(seg); sessionStorage.setItem(histKey, JSON.stringify(hist.slice(-200)));
        go(d.next);
      }).catch(function (e) { flash(e.message, true); });
    }
    function back() {
      var prev = hist.pop();
      sessionStorage.setItem(histKey, JSON.stringify(hist));
      if (prev) go(prev); else flash("Nothing to go back to.", true);
    }
    function skip() {
      fetch("/api/queue/next?queue=" + encodeURIComponent(queue) + "&after=" + encodeURIComponent(seg), {credentials: "same-origin"})
        .then(function (r) { return r.json(); }).then(function (d) {
          if (d.segment_id) { hist.push(seg); sessionStorage.setItem(histKey, JSON.stringify(hist.slice(-200))); go(d.segment_id); }
          else flash("No other segment in this queue.", true);
        });
    }
    function startSpan() {
      var s = selectionIn(answer);
      if (!s) { flash("Select some words inside the answer first.", true); return; }
      span = s; spanCodes = {};
      document.getElementById("span-text").textContent = s.text;
      spanBar.hidden = false;
      box.classList.add("span-mode");
    }
    function endSpan() { span = null; spanCodes = {}; spanBar.hidden = true; box.classList.remove("span-mode");
      items.forEach(function (li) { li.classList.remove("span-on"); }); }
    function saveSpan() {
      var codes = Object.keys(spanCodes).filter(function (k) { return spanCodes[k]; });
      if (!codes.length) { flash("Toggle at least one code for the span.", true); return; }
      api("/api/spans", {answer_id: answerId, start: span.start, end: span.end, text: span.text, codes: codes})
        .then(function () { flash("Span coded."); endSpan(); })
        .catch(function (e) { flash(e.message, true); });
    }
    function markWords() {
      var s = selectionIn(answer);
      if (!s) { flash("Select the identifying words inside the answer first.", true); return; }
      api("/api/marks", {answer_id: answerId, kind: "words", start: s.start, end: s.end})
        .then(function () { flash("Marked for redaction; a lead will see it."); })
        .catch(function (e) { flash(e.message, true); });
    }
    function filter() {
      var q = search.value.trim().toLowerCase();
      items.forEach(function (li) { li.hidden = q && li.getAttribute("data-label").indexOf(q) < 0 && li.getAttribute("data-code").indexOf(q) < 0; });
    }

    items.forEach(function (li) { li.addEventListener("click", function () { toggle(li); }); });
    document.getElementById("submit").addEventListener("click", submit);
    document.getElementById("back").addEventListener("click", back);
    document.getElementById("skip").addEventListener("click", skip);
    document.getElementById("code-span").addEventListener("mousedown", function (ev) { ev.preventDefault(); });
    document.getElementById("code-span").addEventListener("click", function () { if (span) saveSpan(); else startSpan(); });
    document.getElementById("mark-words").addEventListener("mousedown", function (ev) { ev.preventDefault(); });
    document.getElementById("mark-words").addEventListener("click", markWords);
    document.getElementById("never-quote").addEventListener("click", function () {
      api("/api/marks", {answer_id: answerId, kind: "never_quote"}).then(function () { flash("This answer will never be quoted."); })
        .catch(function (e) { flash(e.message, true); });
    });
    search.addEventListener("input", filter);
    search.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") { ev.preventDefault(); toggle(items.filter(function (li) { return !li.hidden; })[0]); search.value = ""; filter(); search.blur(); }
      else if (ev.key === "Escape") { search.value = ""; filter(); search.blur(); }
      ev.stopPropagation();
    });
    memoForm.addEventListener("submit", function (ev) {
      ev.preventDefault();
      api("/api/segments/" + encodeURIComponent(seg) + "/memo", {text: memoText.value}).then(function () {
        flash("Memo saved."); memoText.value = ""; memoForm.hidden = true; memoText.blur();
      }).catch(function (e) { flash(e.message, true); });
    });
    memoText.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { memoForm.hidden = true; memoText.blur(); }
      ev.stopPropagation();
    });

    document.addEventListener("keydown", function (ev) {
      if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
      var k = ev.key;
      if (k === "?") { help.hidden = !help.hidden; ev.preventDefault(); return; }
      if (k === "Escape") { if (span) endSpan(); help.hidden = true; return; }
      if (k === "Enter") { ev.preventDefault(); if (span) saveSpan(); else submit(); return; }
      if (k === "Backspace") { ev.preventDefault(); back(); return; }
      if (k === "ArrowRight") { ev.preventDefault(); skip(); return; }
      if (k === "/") { ev.preventDefault(); search.focus(); return; }
      if (k === "m") { ev.preventDefault(); memoForm.hidden = false; memoText.focus(); return; }
      if (k === "s") { ev.preventDefault(); startSpan(); return; }
      if (k === "x") { ev.preventDefault(); markWords(); return; }
      var li = byKey(k.toLowerCase());
      if (li) { ev.preventDefault(); toggle(li); }
    });
  }

  // ---- quotes page -----------------------------------------------------------------------------
  function quotesPage() {
    document.querySelectorAll("#quotes .quote").forEach(function (li) {
      var answerId = li.getAttribute("data-answer"), code = li.getAttribute("data-code");
      var rank = li.querySelector(".rank");
      function send(extra) {
        var body = {answer_id: answerId, code_id: code, starred: li.classList.contains("starred"),
                    rank: rank && rank.value ? parseInt(rank.value, 10) : null};
        Object.keys(extra).forEach(function (k) { body[k] = extra[k]; });
        return api("/api/quotes/pick", body);
      }
      var star = li.querySelector(".star");
      if (star) star.addEventListener("click", function () {
        var on = !li.classList.contains("starred");
        send({starred: on}).then(function () {
          li.classList.toggle("starred", on); star.textContent = on ? "★ Starred" : "☆ Star"; flash(on ? "Starred." : "Unstarred.");
        }).catch(function (e) { flash(e.message, true); });
      });
      if (rank) rank.addEventListener("change", function () {
        send({}).then(function () { flash("Order saved."); }).catch(function (e) { flash(e.message, true); });
      });
      var trim = li.querySelector(".trim");
      if (trim) {
        trim.addEventListener("mousedown", function (ev) { ev.preventDefault(); });
        trim.addEventListener("click", function () {
          var s = selectionIn(li.querySelector(".qtext"));
          if (!s) { flash("Select the words to keep first.", true); return; }
          send({trim: [s.start, s.end]}).then(function () { flash("Trimmed."); setTimeout(function () { location.reload(); }, 300); })
            .catch(function (e) { flash(e.message, true); });
        });
      }
      var clear = li.querySelector(".clear-flag");
      if (clear) clear.addEventListener("click", function () {
        api("/api/flags/clear", {answer_ids: [answerId]}).then(function () { flash("Flag cleared."); setTimeout(function () { location.reload(); }, 300); })
          .catch(function (e) { flash(e.message, true); });
      });
      var never = li.querySelector(".never");
      if (never) never.addEventListener("click", function () {
        send({starred: false, never_quote: true}).then(function () { flash("Never quoted."); li.classList.add("blocked"); })
          .catch(function (e) { flash(e.message, true); });
      });
    });
  }

  // ---- agreement page --------------------------------------------------------------------------
  function agreementPage() {
    document.querySelectorAll("#disagreements .dis").forEach(function (li) {
      li.querySelectorAll(".reconcile").forEach(function (b) {
        b.addEventListener("click", function () {
          api("/api/reconcile", {segment_id: li.getAttribute("data-segment"), code_id: li.getAttribute("data-code"),
                                 status: b.getAttribute("data-status")})
            .then(function () { flash("Reconciled."); li.remove(); })
            .catch(function (e) { flash(e.message, true); });
        });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var page = document.body.getAttribute("data-page");
    if (page === "queue") queuePage();
    else if (page === "quotes") quotesPage();
    else if (page === "agreement") agreementPage();
  });
})();
