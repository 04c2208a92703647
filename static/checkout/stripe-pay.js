/* Card payment page (templates/checkout/stripe_pay.html): Stripe.js Payment Element, or
   3-D Secure for an intent confirmed on the server. Never sends card data to our server. */
(function () {
  "use strict";
  var form = document.getElementById("stripe-payment-form");
  if (!form || typeof Stripe === "undefined") {
    var err = document.getElementById("stripe-errors");
    if (err) err.textContent = "Không tải được Stripe. Vui lòng kiểm tra kết nối và tải lại trang.";
    return;
  }
  var d = form.dataset;
  var stripe = Stripe(d.publishableKey, { locale: "vi" });
  var errors = document.getElementById("stripe-errors");
  var back = d.returnUrl + (d.returnUrl.indexOf("?") < 0 ? "?" : "&") +
    "payment_intent=" + encodeURIComponent(d.intent);

  if (d.mode === "next_action") {
    stripe.handleNextAction({ clientSecret: d.clientSecret }).then(function () {
      window.location.assign(back); // the server asks Stripe how it ended
    });
    return;
  }

  var elements = stripe.elements({ clientSecret: d.clientSecret, locale: "vi" });
  var paymentElement = elements.create("payment", { layout: "tabs" });
  paymentElement.mount("#payment-element");
  var button = document.getElementById("stripe-pay-button");
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    if (button.disabled) return;
    button.disabled = true;
    errors.textContent = "";
    stripe.confirmPayment({ elements: elements, confirmParams: { return_url: d.returnUrl } })
      .then(function (result) {
        // Only reached when there is an immediate error; otherwise Stripe redirects.
        if (result.error) {
          errors.textContent = result.error.message;
          button.disabled = false;
        }
      });
  });
})();
