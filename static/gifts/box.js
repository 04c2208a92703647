/* Build-your-own box: a live count ("3/5 món") and total while quantities change.
   Only a convenience: the server recomputes everything when the form is submitted. */
(function () {
  "use strict";
  var form = document.getElementById("box-builder");
  if (!form) return;
  var size = parseInt(form.getAttribute("data-box-size"), 10) || 0;
  var boxPrice = parseInt(form.getAttribute("data-box-price"), 10) || 0;
  var countEl = form.querySelector("[data-box-count]");
  var totalEl = form.querySelector("[data-box-total]");
  var money = new Intl.NumberFormat("vi-VN");
  // Nothing chosen when the page was drawn: "Đã chọn" then lists what is picked below.
  var empty = form.querySelector("[data-box-empty]");
  var emptyText = empty ? empty.textContent : "";

  function update() {
    var count = 0;
    var total = boxPrice;
    var picked = [];
    form.querySelectorAll("input[data-price]").forEach(function (input) {
      var n = parseInt(input.value, 10);
      if (!isFinite(n) || n < 0) n = 0;
      count += n;
      if (n > 0) {
        var title = input.closest(".box-row").querySelector(".box-row__title");
        picked.push(n + " × " + (title ? title.textContent.trim() : ""));
      }
      total += n * (parseInt(input.getAttribute("data-price"), 10) || 0);
      input.closest(".box-row").classList.toggle("box-row--picked", n > 0);
    });
    if (empty) {
      empty.textContent = picked.length ? picked.join(", ") : emptyText;
      empty.classList.toggle("muted", !picked.length);
    }
    countEl.textContent = count;
    totalEl.textContent = money.format(total) + "\u00a0₫";
    form.classList.toggle("box-builder--full", count === size);
    form.classList.toggle("box-builder--over", count > size);
  }

  form.addEventListener("input", function (event) {
    if (event.target.matches("input[data-price]")) update();
  });
  update();
})();
