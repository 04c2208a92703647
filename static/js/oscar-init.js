/* Starts Oscar's storefront behaviours without inline scripts (the Content-Security-Policy
   allows only the shop's own script files): what each page needs is read off the page. */
(function ($) {
  "use strict";
  if (!$ || !window.oscar) return;
  $(function () {
    var oscar = window.oscar;
    oscar.init();
    var basket = document.querySelector("[data-basket-url]");
    if (basket && document.getElementById("basket_formset")) {
      oscar.basket.init({ basketURL: basket.getAttribute("data-basket-url") });
    }
    if (document.querySelector("form input[name=options]")) {
      oscar.checkout.gateway.init();
    }
  });
})(window.jQuery);
