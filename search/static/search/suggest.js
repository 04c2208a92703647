/* Suggestions under the header search box, as the shopper types (products, producers,
   craft villages, stories, events).
   The box works without this: the form still submits to the search page. */
(function () {
  "use strict";
  // Filters: open beside the results on wide screens, folded away on phones.
  if (window.matchMedia && window.matchMedia("(min-width: 720px)").matches) {
    Array.prototype.forEach.call(document.querySelectorAll("details.facets"), function (d) { d.open = true; });
  }
  var input = document.getElementById("site-search-q");
  if (!input || !window.fetch) return;
  var form = input.form;
  var url = (form.getAttribute("action") || "/shop/search/").replace(/\/?$/, "/") + "suggest/";
  var list = document.createElement("ul");
  list.className = "suggest";
  list.id = "site-search-suggest";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  form.appendChild(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");

  var timer = null, last = "", active = -1, controller = null;
  var money = new Intl.NumberFormat("vi-VN");

  function close() {
    list.hidden = true; active = -1;
    input.setAttribute("aria-expanded", "false");
  }
  function option(text, meta, href) {
    var li = document.createElement("li");
    li.className = "suggest__item"; li.setAttribute("role", "option");
    var a = document.createElement("a"); a.href = href;
    var t = document.createElement("span"); t.textContent = text; a.appendChild(t);
    if (meta) { var m = document.createElement("span"); m.className = "suggest__meta"; m.textContent = meta; a.appendChild(m); }
    li.appendChild(a); return li;
  }
  function head(text) {
    var li = document.createElement("li"); li.className = "suggest__head";
    li.setAttribute("role", "presentation"); li.textContent = text; return li;
  }
  function render(data) {
    list.textContent = "";
    if (data.products.length) {
      list.appendChild(head("Sản phẩm"));
      data.products.forEach(function (p) {
        list.appendChild(option(p.title, p.price != null ? money.format(p.price) + " ₫" : "", p.url));
      });
    }
    if (data.producers.length) {
      list.appendChild(head("Nhà sản xuất"));
      data.producers.forEach(function (p) { list.appendChild(option(p.name, p.province || "", p.url)); });
    }
    var any = data.products.length + data.producers.length > 0;
    [["villages", "Làng nghề"], ["stories", "Bài viết"], ["events", "Sự kiện"]].forEach(function (kind) {
      var hits = data[kind[0]] || [];
      if (!hits.length) return;
      any = true;
      list.appendChild(head(kind[1]));
      hits.forEach(function (h) { list.appendChild(option(h.title, h.meta || "", h.url)); });
    });
    list.hidden = !any; active = -1;
    input.setAttribute("aria-expanded", any ? "true" : "false");
  }
  function fetchSuggestions() {
    var q = input.value.trim();
    if (q === last) return;
    last = q;
    if (q.length < 2) { close(); return; }
    if (controller) controller.abort();
    controller = window.AbortController ? new AbortController() : null;
    fetch(url + "?q=" + encodeURIComponent(q), { signal: controller ? controller.signal : undefined, headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data && data.q === input.value.trim()) render(data); })
      .catch(function () {});
  }
  function options() { return list.querySelectorAll(".suggest__item"); }
  function move(step) {
    var items = options(); if (!items.length) return;
    if (active >= 0) items[active].setAttribute("aria-selected", "false");
    active = (active + step + items.length) % items.length;
    items[active].setAttribute("aria-selected", "true");
    items[active].scrollIntoView({ block: "nearest" });
  }
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(fetchSuggestions, 150); });
  input.addEventListener("keydown", function (e) {
    if (list.hidden) return;
    if (e.key === "ArrowDown") { e.preventDefault(); move(1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); move(-1); }
    else if (e.key === "Escape") { close(); }
    else if (e.key === "Enter" && active >= 0) { e.preventDefault(); window.location.href = options()[active].querySelector("a").href; }
  });
  document.addEventListener("click", function (e) { if (!form.contains(e.target)) close(); });
  input.addEventListener("focus", function () { if (list.childNodes.length && input.value.trim().length >= 2) { list.hidden = false; input.setAttribute("aria-expanded", "true"); } });
})();
