/* provcheck dashboard: the triage table (sort, filter, page; the state in the URL's fragment so a
   link can be shared) and an article page's keyboard navigation. No network, no dependencies. Text
   from the reports is only ever set with textContent. */
(function () {
  "use strict";

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  // --- triage ---------------------------------------------------------------------------------
  function triage() {
    var data = JSON.parse(document.getElementById("data").textContent);
    var fams = ["dates", "translation", "duplication", "attribution", "provenance"];
    var prefix = { dates: "DT", translation: "MT", duplication: "DU", attribution: "AT", provenance: "PV" };
    var PAGE = 100;
    var verdictRank = { error: 0, reject: 1, review: 2, pass: 3 };
    data.forEach(function (r, i) {
      r._i = i; // triage order (worst first), the default sort
      r._fams = {};
      r.rules.forEach(function (id) { r._fams[id.slice(0, 2)] = true; });
      r._text = [r.path, r.source, r.top, r.cluster || "", r.date || "", r.rules.join(" ")].join(" ").toLowerCase();
    });
    var inputs = { verdict: "f-verdict", family: "f-family", rule: "f-rule", q: "f-q" };
    var state = read();

    function read() {
      var s = { verdict: "", family: "", rule: "", q: "", sort: "", dir: "asc", page: 0 };
      var h = location.hash.replace(/^#/, "");
      h.split("&").forEach(function (kv) {
        if (!kv) return;
        var p = kv.split("=");
        var k = decodeURIComponent(p[0]), v = decodeURIComponent((p[1] || "").replace(/\+/g, " "));
        if (k in s) s[k] = k === "page" ? (parseInt(v, 10) || 0) : v;
      });
      return s;
    }

    function write() {
      var parts = [];
      ["verdict", "family", "rule", "q", "sort", "dir", "page"].forEach(function (k) {
        var v = state[k];
        if (v && !(k === "dir" && v === "asc")) parts.push(k + "=" + encodeURIComponent(v));
      });
      var h = parts.length ? "#" + parts.join("&") : "";
      if (location.hash !== h) history.replaceState(null, "", h || location.pathname + location.search);
    }

    function matches(r) {
      if (state.verdict && r.verdict !== state.verdict) return false;
      if (state.family && !r._fams[state.family.toUpperCase()]) return false;
      if (state.rule) {
        var want = state.rule.toUpperCase();
        if (!r.rules.some(function (id) { return id.indexOf(want) === 0; })) return false;
      }
      if (state.q && r._text.indexOf(state.q.toLowerCase()) < 0) return false;
      return true;
    }

    function compare(a, b) {
      var k = state.sort;
      if (!k) return a._i - b._i;
      var x = a[k], y = b[k];
      if (k === "verdict") { x = verdictRank[x]; y = verdictRank[y]; }
      var nx = x === null || x === undefined || x === "", ny = y === null || y === undefined || y === "";
      if (nx || ny) return nx && ny ? a._i - b._i : nx ? 1 : -1; // empty cells last, either direction
      var c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      if (c === 0) return a._i - b._i;
      return state.dir === "desc" ? -c : c;
    }

    function cell(tr, value, cls) {
      var td = el("td", value === null || value === undefined ? "–" : value, cls);
      tr.appendChild(td);
      return td;
    }

    function render() {
      var rows = data.filter(matches).sort(compare);
      var pages = Math.max(1, Math.ceil(rows.length / PAGE));
      if (state.page >= pages) state.page = pages - 1;
      if (state.page < 0) state.page = 0;
      var from = state.page * PAGE, shown = rows.slice(from, from + PAGE);
      var body = document.getElementById("rows");
      var frag = document.createDocumentFragment();
      shown.forEach(function (r) {
        var tr = el("tr");
        var td = el("td", null, "path");
        if (r.page) { var a = el("a", r.path); a.href = r.page; td.appendChild(a); } else { td.textContent = r.path; }
        if (r.top) td.appendChild(el("div", r.top, "top"));
        tr.appendChild(td);
        var v = el("td"); v.appendChild(el("span", r.verdict, "badge v-" + r.verdict)); tr.appendChild(v);
        cell(tr, r.overall, "num");
        fams.forEach(function (f) { cell(tr, r[f], "num"); });
        cell(tr, r.errors, "num"); cell(tr, r.warnings, "num"); cell(tr, r.infos, "num");
        cell(tr, r.date || ""); cell(tr, r.source || ""); cell(tr, r.language || ""); cell(tr, r.cluster || "");
        frag.appendChild(tr);
      });
      body.replaceChildren(frag);
      document.getElementById("status").textContent =
        rows.length === data.length ? data.length + " files" : rows.length + " of " + data.length + " files match";
      document.getElementById("range").textContent = rows.length
        ? (from + 1) + "–" + (from + shown.length) + " of " + rows.length : "no files match";
      document.getElementById("prev").disabled = state.page === 0;
      document.getElementById("next").disabled = state.page >= pages - 1;
      document.querySelectorAll("#table th[data-key]").forEach(function (th) {
        th.setAttribute("aria-sort", th.dataset.key === state.sort ? (state.dir === "desc" ? "descending" : "ascending") : "none");
      });
      Object.keys(inputs).forEach(function (k) {
        var input = document.getElementById(inputs[k]);
        if (input.value !== state[k]) input.value = state[k];
      });
      write();
      document.body.dataset.ready = "1";
    }

    Object.keys(inputs).forEach(function (k) {
      var input = document.getElementById(inputs[k]);
      input.addEventListener(input.tagName === "SELECT" ? "change" : "input", function () {
        state[k] = input.value.trim();
        state.page = 0;
        render();
      });
    });
    document.getElementById("f-clear").addEventListener("click", function () {
      state = { verdict: "", family: "", rule: "", q: "", sort: "", dir: "asc", page: 0 };
      render();
    });
    document.querySelectorAll("#table th[data-key] button").forEach(function (b) {
      b.addEventListener("click", function () {
        var k = b.parentElement.dataset.key;
        if (state.sort === k) state.dir = state.dir === "asc" ? "desc" : "asc";
        else { state.sort = k; state.dir = "asc"; }
        state.page = 0;
        render();
      });
    });
    document.getElementById("prev").addEventListener("click", function () { state.page -= 1; render(); });
    document.getElementById("next").addEventListener("click", function () { state.page += 1; render(); });
    document.querySelectorAll("a.rule-link").forEach(function (a) {
      a.addEventListener("click", function (ev) {
        ev.preventDefault();
        state = { verdict: "", family: "", rule: a.textContent, q: "", sort: "", dir: "asc", page: 0 };
        render();
        document.getElementById("table").scrollIntoView();
      });
    });
    window.addEventListener("hashchange", function () { state = read(); render(); });
    render();
  }

  // --- an article -----------------------------------------------------------------------------
  function article() {
    var items = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
    var current = -1;

    function show(i, fromText) {
      if (!items.length) return;
      current = (i + items.length) % items.length;
      var li = items[current], n = li.dataset.n;
      items.forEach(function (x) { x.classList.toggle("active", x === li); });
      document.querySelectorAll(".hl.current").forEach(function (x) { x.classList.remove("current"); });
      document.querySelectorAll('.text [data-f~="' + n + '"]').forEach(function (x) { x.classList.add("current"); });
      var marker = document.getElementById("m" + n);
      if (marker && !fromText) marker.scrollIntoView({ block: "center" });
      if (fromText) li.scrollIntoView({ block: "nearest" });
      li.focus({ preventScroll: true });
      history.replaceState(null, "", "#f" + n);
    }

    items.forEach(function (li, i) {
      li.addEventListener("click", function (ev) {
        if (ev.target.tagName === "A" && !ev.target.classList.contains("goto")) return;
        ev.preventDefault();
        show(i, false);
      });
    });
    // the reverse: a marker or a highlighted span in the text selects its finding in the list
    var text = document.getElementById("text");
    if (text) {
      text.addEventListener("click", function (ev) {
        var t = ev.target, n = null;
        if (t.classList && t.classList.contains("marker")) n = t.id.slice(1);
        else if (t.dataset && t.dataset.f) n = t.dataset.f.split(" ")[0];
        if (n === null) return;
        ev.preventDefault();
        var i = items.findIndex(function (x) { return x.dataset.n === n; });
        if (i >= 0) show(i, true);
      });
    }
    document.addEventListener("keydown", function (ev) {
      if (ev.altKey || ev.ctrlKey || ev.metaKey || /^(INPUT|SELECT|TEXTAREA)$/.test(ev.target.tagName)) return;
      var link;
      if (ev.key === "j") show(current + 1, false);
      else if (ev.key === "k") show(current < 0 ? items.length - 1 : current - 1, false);
      else if (ev.key === "n" && (link = document.getElementById("next-file"))) location.href = link.href;
      else if (ev.key === "p" && (link = document.getElementById("prev-file"))) location.href = link.href;
      else return;
      ev.preventDefault();
    });
    var m = /^#f(\d+)$/.exec(location.hash);
    if (m) {
      var i = items.findIndex(function (x) { return x.dataset.n === m[1]; });
      if (i >= 0) show(i, false);
    }
    document.body.dataset.ready = "1";
  }

  // --- an article's layers: attribution labels and date mentions, drawn when first switched on --
  function layers() {
    var island = document.getElementById("layers"), box = document.getElementById("text");
    if (!island || !box) return;
    var drawn = false;
    function draw() {
      if (drawn) return;
      drawn = true;
      var marks = JSON.parse(island.textContent); // [start, end, classes, tooltip], UTF-16 offsets of the text
      var ev = [];
      marks.forEach(function (m, i) { ev.push([m[0], 1, i], [m[1], 0, i]); });
      ev.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
      var nodes = [], walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT, null);
      for (var n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.parentElement.closest(".marker")) nodes.push(n); // a finding's rule id is not article text
      }
      var active = {}, k = 0, pos = 0;
      function advance(to) { // apply the marks' starts and ends up to offset "to"
        for (; k < ev.length && ev[k][0] <= to; k++) {
          if (ev[k][1]) active[ev[k][2]] = true;
          else delete active[ev[k][2]];
        }
      }
      function wrap(node) { // the piece in a span with the classes and tooltips of the marks covering it
        var ids = Object.keys(active);
        if (!ids.length || !node.data.length) return;
        var span = document.createElement("span"), cls = [], titles = [];
        ids.forEach(function (i) {
          cls.push(marks[i][2]);
          if (marks[i][3] && titles.length < 3) titles.push(marks[i][3]);
        });
        span.className = cls.join(" ");
        if (titles.length) span.title = titles.join(" \u00b7 ");
        node.parentNode.insertBefore(span, node);
        span.appendChild(node);
      }
      nodes.forEach(function (node) { // one pass: each text node cut where a mark starts or ends
        var end = pos + node.data.length;
        advance(pos);
        while (k < ev.length && ev[k][0] < end) {
          var rest = node.splitText(ev[k][0] - pos);
          wrap(node);
          pos = ev[k][0];
          node = rest;
          advance(pos);
        }
        wrap(node);
        pos = end;
      });
      box.dataset.layers = "1";
    }
    ["layer-attribution", "layer-dates"].forEach(function (id) {
      var toggle = document.getElementById(id);
      if (!toggle) return;
      toggle.addEventListener("change", function () { if (toggle.checked) draw(); });
      if (toggle.checked) draw(); // a checkbox the browser restored
    });
  }

  if (document.body.classList.contains("triage")) triage();
  else if (document.body.classList.contains("article")) { layers(); article(); }
})();
