/* Chợ OCOP: the few behaviours every page shares. Works without it; nothing here is required. */
(function () {
  "use strict";
  document.documentElement.classList.remove("no-js");
  document.documentElement.classList.add("js");

  // Phones: the OCOP groups collapse behind the "Danh mục" button.
  var toggle = document.querySelector(".menu-toggle");
  var nav = document.getElementById("site-nav");
  if (toggle && nav) {
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", open ? "false" : "true");
      nav.classList.toggle("is-open", !open);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && nav.classList.contains("is-open")) {
        toggle.setAttribute("aria-expanded", "false");
        nav.classList.remove("is-open");
        toggle.focus();
      }
    });
  }
})();

/* Forms that apply a filter as soon as it changes (sorting, price bands, facets):
   <select data-autosubmit> instead of an inline onchange handler, which the
   Content-Security-Policy does not run. Buttons with data-print print the page. */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field && field.form && field.hasAttribute && field.hasAttribute("data-autosubmit")) {
      field.form.submit();
    }
  });
  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest && event.target.closest("[data-print]");
    if (button) {
      window.print();
    }
  });
  // A form submitted once (placing an order) cannot be sent twice by a double tap.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || !form.hasAttribute || !form.hasAttribute("data-submit-once")) return;
    var button = form.querySelector("[type=submit]");
    if (form.getAttribute("data-submitted") === "1") {
      event.preventDefault();
      return;
    }
    form.setAttribute("data-submitted", "1");
    if (button) button.disabled = true;
  });
})();
