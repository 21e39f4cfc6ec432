// Survivor Voices workspace: keyboard coding, span selection and small form helpers.
// Plain JavaScript, served by the app itself; no outside requests.
(function () {
  "use strict";
  var csrf = (document.querySelector('meta[name="csrf"]') || {}).content || "";

  function flash(msg, bad, reload) {
    var el = document.getElementById("flash");
    if (!el) return;
    el.textContent = msg;
    el.className = bad ? "bad" : "ok";
    if (reload) {
      var a = document.createElement("a");
      a.href = location.href; a.id = "reload-link"; a.textContent = "Reload this page";
      el.appendChild(document.createTextNode(" "));
      el.appendChild(a);
    }
  }
  function fail(e) { flash(e.message, true, e.stale); }

  // One key per save: the server stores a save sent twice under one key only once.
  function newKey() {
    var b = new Uint8Array(12);
    (window.crypto || window.msCrypto).getRandomValues(b);
    return Array.prototype.map.call(b, function (x) { return ("0" + x.toString(16)).slice(-2); }).join("");
  }

  function api(path, body, isForm) {
    var opts = {method: "POST", credentials: "same-origin", headers: {"X-CSRF-Token": csrf}};
    if (isForm) { opts.body = body; } else {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body || {});
    }
    return fetch(path, opts).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) {
        if (!r.ok) {
          var err = new Error(data.error || ("request failed (" + r.status + ")"));
          err.stale = r.status === 409;
          throw err;
        }
        return data;
      });
    });
  }
  window.voicesApi = api;

  // Shortcuts never act while a person types into a field or works a menu.
  function inField(el) {
    if (!el || !el.tagName) return false;
    var t = el.tagName.toLowerCase();
    return t === "input" || t === "textarea" || t === "select" || el.isContentEditable;
  }
  window.voicesInField = inField;

  // Forms marked data-api post JSON (or multipart) to their endpoint, then reload.
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    var path = form.getAttribute("data-api");
    if (!path) return;
    ev.preventDefault();
    if (form.getAttribute("data-busy") === "yes") return;
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
      ["size", "seed", "per_code"].forEach(function (k) { if (body[k] !== undefined) body[k] = parseInt(body[k], 10); });
      req = api(path, body);
    }
    form.setAttribute("data-busy", "yes");
    req.then(function (d) { flash(d.message || "Saved."); setTimeout(function () { location.reload(); }, 300); })
       .catch(function (e) { form.removeAttribute("data-busy"); fail(e); });
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

  // Select the characters [start, end) of an element's text (across its text nodes).
  function selectOffsets(el, start, end) {
    var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT), node, pos = 0, r = document.createRange(), done = 0;
    while ((node = walker.nextNode())) {
      var len = node.textContent.length;
      if (!(done & 1) && start <= pos + len) { r.setStart(node, start - pos); done |= 1; }
      if (!(done & 2) && end <= pos + len) { r.setEnd(node, end - pos); done |= 2; break; }
      pos += len;
    }
    var sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(r);
  }

  // ---- queue page ------------------------------------------------------------------------------
  function queuePage() {
    var box = document.getElementById("coding");
    var help = document.getElementById("help");
    if (!box) {
      document.addEventListener("keydown", function (ev) { if (ev.key === "?" && help && !inField(ev.target)) help.hidden = !help.hidden; });
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
    var shown = items.map(function (b) { return b.getAttribute("data-code"); });
    var span = null, spanCodes = {}, saving = false, saveKey = newKey(), memoKey = null, memoEditing = null;
    var histKey = "voices-history:" + queue;
    var hist = JSON.parse(sessionStorage.getItem(histKey) || "[]");

    function go(id) { location.href = "/queue?q=" + encodeURIComponent(queue) + (id ? "&seg=" + encodeURIComponent(id) : ""); }
    function setOn(b, on) {
      b.classList.toggle("on", on);
      b.setAttribute("aria-pressed", on ? "true" : "false");
    }
    function isOn(b) { return b.getAttribute("aria-pressed") === "true"; }
    function show(b) {
      if (!b) return;
      var info = function (id) { return document.getElementById("code-info-" + id); };
      document.getElementById("code-info-empty").hidden = true;
      info("label").hidden = false;
      info("label").textContent = b.getAttribute("data-title");
      info("definition").textContent = b.getAttribute("data-definition");
      [["include", "Include: "], ["exclude", "Exclude: "]].forEach(function (p) {
        var v = b.getAttribute("data-" + p[0]), el = info(p[0]);
        el.hidden = !v; el.textContent = v ? p[1] + v : "";
      });
    }
    function toggle(b, forceOn) {
      if (!b) return;
      show(b);
      if (span) {
        var c = b.getAttribute("data-code");
        spanCodes[c] = forceOn ? true : !spanCodes[c];
        b.classList.toggle("span-on", !!spanCodes[c]);
      } else { setOn(b, forceOn ? true : !isOn(b)); }
    }
    function byKey(k) { return items.filter(function (b) { return b.getAttribute("data-key") === k; })[0]; }
    function chosen() { return items.filter(isOn).map(function (b) { return b.getAttribute("data-code"); }); }
    function remember() { hist.push(seg); sessionStorage.setItem(histKey, JSON.stringify(hist.slice(-200))); }
    function submit() {
      if (!canCode) { flash("Your role cannot change codes.", true); return; }
      if (saving) return;
      saving = true;
      api("/api/segments/" + encodeURIComponent(seg) + "/submit", {codes: chosen(), shown: shown, queue: queue, request_key: saveKey}).then(function (d) {
        remember(); go(d.next);
      }).catch(function (e) { saving = false; fail(e); });
    }
    function back() {
      var prev = hist.pop();
      sessionStorage.setItem(histKey, JSON.stringify(hist));
      if (prev) go(prev); else flash("Nothing to go back to.", true);
    }
    function skip() {
      if (!canCode) { fetch("/api/queue/next?queue=" + encodeURIComponent(queue) + "&after=" + encodeURIComponent(seg), {credentials: "same-origin"})
        .then(function (r) { return r.json(); }).then(function (d) { if (d.segment_id) go(d.segment_id); else flash("No other segment in this queue.", true); }); return; }
      api("/api/segments/" + encodeURIComponent(seg) + "/skip", {queue: queue}).then(function (d) {
        if (d.next && d.next !== seg) { remember(); go(d.next); }
        else flash("No other segment in this queue.", true);
      }).catch(fail);
    }
    // Keyboard selection inside the answer: whole words, from a start word to an end word.
    var words = [], ws = 0, we = 0;
    (function () {
      var text = answer.textContent, re = /\S+/g, m;
      while ((m = re.exec(text))) words.push([m.index, m.index + m[0].length]);
      var s0 = parseInt(box.getAttribute("data-start"), 10) || 0;
      for (var i = 0; i < words.length; i++) { if (words[i][1] > s0) { ws = i; break; } }
      we = ws;
    })();
    function moveWord(which, step) {
      if (!words.length) return;
      var sel = selectionIn(answer);
      if (!sel) { we = ws; }
      if (which === "end") we = Math.max(ws, Math.min(words.length - 1, we + step));
      else { ws = Math.max(0, Math.min(words.length - 1, ws + step)); if (we < ws) we = ws; }
      selectOffsets(answer, words[ws][0], words[we][1]);
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
      items.forEach(function (b) { b.classList.remove("span-on"); }); }
    function saveSpan() {
      var codes = Object.keys(spanCodes).filter(function (k) { return spanCodes[k]; });
      if (!codes.length) { flash("Toggle at least one code for the span.", true); return; }
      if (saving) return;
      saving = true;
      api("/api/spans", {answer_id: answerId, start: span.start, end: span.end, text: span.text, codes: codes})
        .then(function () { saving = false; flash("Span coded."); endSpan(); })
        .catch(function (e) { saving = false; fail(e); });
    }
    function markWords() {
      var s = selectionIn(answer);
      if (!s) { flash("Select the identifying words inside the answer first.", true); return; }
      api("/api/marks", {answer_id: answerId, kind: "words", start: s.start, end: s.end})
        .then(function () { flash("Marked for redaction; a lead will see it."); })
        .catch(fail);
    }
    function matches() {
      var q = search.value.trim().toLowerCase();
      return items.filter(function (b) { return !q || b.getAttribute("data-label").indexOf(q) >= 0 || b.getAttribute("data-code").indexOf(q) >= 0; });
    }
    function filter() {
      var keep = matches(), q = search.value.trim();
      items.forEach(function (b) { b.hidden = q && keep.indexOf(b) < 0; });
    }
    function openMemo(editing) {
      memoEditing = editing || null;
      memoKey = newKey();
      memoForm.hidden = false;
      memoText.value = editing ? editing.querySelector(".memo-body").textContent : "";
      memoText.focus();
    }

    items.forEach(function (b) {
      b.addEventListener("click", function () { toggle(b); });
      b.addEventListener("focus", function () { show(b); });
      b.addEventListener("mouseenter", function () { show(b); });
    });
    document.getElementById("submit").addEventListener("click", submit);
    document.getElementById("back").addEventListener("click", back);
    document.getElementById("skip").addEventListener("click", skip);
    document.getElementById("code-span").addEventListener("mousedown", function (ev) { ev.preventDefault(); });
    document.getElementById("code-span").addEventListener("click", function () { if (span) saveSpan(); else startSpan(); });
    document.getElementById("mark-words").addEventListener("mousedown", function (ev) { ev.preventDefault(); });
    document.getElementById("mark-words").addEventListener("click", markWords);
    document.getElementById("never-quote").addEventListener("click", function () {
      api("/api/marks", {answer_id: answerId, kind: "never_quote"}).then(function () { flash("This answer will never be quoted."); })
        .catch(fail);
    });
    search.addEventListener("input", filter);
    search.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") {
        ev.preventDefault();
        var first = matches()[0];
        if (first) {  // search adds a code; it never switches one off
          var already = span ? spanCodes[first.getAttribute("data-code")] : isOn(first);
          toggle(first, true);
          flash((already ? "Already on: " : "Switched on: ") + first.getAttribute("data-title"));
        }
        search.value = ""; filter(); search.blur();
      } else if (ev.key === "Escape") { search.value = ""; filter(); search.blur(); }
      ev.stopPropagation();
    });
    memoForm.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (saving) return;
      saving = true;
      var req = memoEditing
        ? api("/api/memos/" + encodeURIComponent(memoEditing.getAttribute("data-memo")), {text: memoText.value})
        : api("/api/segments/" + encodeURIComponent(seg) + "/memo", {text: memoText.value, request_key: memoKey});
      req.then(function (d) {
        saving = false;
        if (memoEditing) { memoEditing.querySelector(".memo-body").textContent = memoText.value.trim(); flash("Memo changed."); }
        else { flash("Memo saved."); addMemo(d.memo_id, memoText.value.trim()); }
        memoText.value = ""; memoForm.hidden = true; memoEditing = null; memoKey = null; answer.focus();
      }).catch(function (e) { saving = false; fail(e); });
    });
    memoText.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { memoForm.hidden = true; memoEditing = null; answer.focus(); }
      ev.stopPropagation();
    });
    function wireMemo(li) {
      li.querySelector(".memo-edit").addEventListener("click", function () { openMemo(li); });
      li.querySelector(".memo-delete").addEventListener("click", function () {
        api("/api/memos/" + encodeURIComponent(li.getAttribute("data-memo")) + "/delete", {}).then(function () {
          li.remove(); flash("Memo deleted."); answer.focus();
        }).catch(fail);
      });
    }
    function addMemo(id, text) {
      var li = document.createElement("li");
      li.className = "memo-saved"; li.setAttribute("data-memo", id);
      var body = document.createElement("span"); body.className = "memo-body"; body.textContent = text;
      li.appendChild(body);
      ["memo-edit", "memo-delete"].forEach(function (cls) {
        var b = document.createElement("button"); b.type = "button"; b.className = cls;
        b.textContent = cls === "memo-edit" ? "Edit" : "Delete";
        var h = document.createElement("span"); h.className = "visually-hidden"; h.textContent = " memo";
        b.appendChild(h);
        li.appendChild(document.createTextNode(" ")); li.appendChild(b);
      });
      document.getElementById("memos").appendChild(li);
      wireMemo(li);
    }
    Array.prototype.forEach.call(document.querySelectorAll("#memos .memo-saved"), wireMemo);

    document.addEventListener("keydown", function (ev) {
      if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
      if (inField(ev.target)) return;  // typing into a field or working a menu: no shortcut
      var k = ev.key, onButton = ev.target && ev.target.tagName === "BUTTON";
      if (onButton && (k === "Enter" || k === " ")) return;  // the focused button acts
      if (ev.target === answer && (k === "ArrowLeft" || k === "ArrowRight")) {
        ev.preventDefault();
        moveWord(ev.shiftKey ? "start" : "end", k === "ArrowRight" ? 1 : -1);
        return;
      }
      if (k === "?") { help.hidden = !help.hidden; ev.preventDefault(); return; }
      if (k === "Escape") { if (span) endSpan(); help.hidden = true; return; }
      if (k === "Enter") { ev.preventDefault(); if (span) saveSpan(); else submit(); return; }
      if (k === "Backspace") { ev.preventDefault(); back(); return; }
      if (k === "ArrowRight" && !ev.shiftKey) { ev.preventDefault(); skip(); return; }
      if (k === "/") { ev.preventDefault(); search.focus(); return; }
      if (k === "m") { ev.preventDefault(); openMemo(null); return; }
      if (k === "s") { ev.preventDefault(); startSpan(); return; }
      if (k === "x") { ev.preventDefault(); markWords(); return; }
      var b = k.length === 1 ? byKey(k) : null;
      if (b) { ev.preventDefault(); toggle(b); }
    });
  }

  // ---- search page -----------------------------------------------------------------------------
  function searchPage() {
    document.querySelectorAll("#results .result").forEach(function (li) {
      var form = li.querySelector("form.code-here");
      if (!form) return;
      var key = newKey();
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        var sel = form.querySelector("select"), code = sel.value;
        if (!code) { flash("Choose a code first.", true); return; }
        api("/api/decisions", {segment_id: li.getAttribute("data-segment"), code_id: code, status: "accepted", request_key: key + ":" + code})
          .then(function () {
            var have = li.querySelector(".mine");
            var label = sel.options[sel.selectedIndex].text;
            if (have.textContent.indexOf(label) < 0) have.textContent = (have.textContent ? have.textContent + ", " : "") + label;
            flash("Coded: " + label + "."); sel.focus();
          }).catch(fail);
      });
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
            .then(function () {
              // keep the lead's place: focus moves to the next disagreement, not to the page
              var next = li.nextElementSibling || li.previousElementSibling;
              flash("Reconciled."); li.remove();
              var target = next ? next.querySelector(".reconcile") : document.getElementById("disagreements-title");
              if (target) target.focus();
            })
            .catch(fail);
        });
      });
    });
  }

  // ---- reconciliation, segment by segment ----------------------------------------------------
  function reconcilePage() {
    var box = document.getElementById("reconcile");
    if (!box) return;
    var sid = box.getAttribute("data-segment"), next = box.getAttribute("data-next");
    var rows = Array.prototype.slice.call(document.querySelectorAll("#disputes .dispute"));
    function open() { return rows.filter(function (li) { return !li.classList.contains("done"); }); }
    function focusOpen() {
      var left = open();
      if (left.length) { left[0].querySelector(".reconcile").focus(); return; }
      flash("Segment reconciled.");
      location.href = "/reconcile" + (next && next !== sid ? "?seg=" + encodeURIComponent(next) : "");
    }
    function decide(li, status) {
      if (li.classList.contains("done")) return;
      api("/api/reconcile", {segment_id: sid, code_id: li.getAttribute("data-code"), status: status})
        .then(function () {
          li.classList.add("done");
          li.querySelector(".outcome").textContent = status === "accepted" ? "Decided: the code applies." : "Decided: the code does not apply.";
          li.querySelectorAll(".reconcile").forEach(function (b) { b.disabled = true; });
          focusOpen();
        }).catch(fail);
    }
    rows.forEach(function (li) {
      li.querySelectorAll(".reconcile").forEach(function (b) {
        b.addEventListener("click", function () { decide(li, b.getAttribute("data-status")); });
      });
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.ctrlKey || ev.metaKey || ev.altKey || inField(ev.target)) return;
      if (ev.key !== "a" && ev.key !== "d") return;
      var li = ev.target && ev.target.closest ? ev.target.closest(".dispute") : null;
      if (!li || li.classList.contains("done")) li = open()[0];
      if (!li) return;
      ev.preventDefault();
      decide(li, ev.key === "a" ? "accepted" : "rejected");
    });
    if (open().length) open()[0].querySelector(".reconcile").focus();
  }


  document.addEventListener("DOMContentLoaded", function () {
    var page = document.body.getAttribute("data-page");
    if (page === "queue") queuePage();
    else if (page === "quotes") quotesPage();
    else if (page === "search") searchPage();
    else if (page === "reconcile") reconcilePage();
    else if (page === "agreement") agreementPage();
  });
})();
