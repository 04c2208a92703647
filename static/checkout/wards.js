/* Address forms: choosing a province loads its wards (today's units, shop.addresses). */
(function () {
  "use strict";
  var province = document.querySelector("[data-province-select]");
  var ward = document.querySelector("[data-ward-select]");
  if (!province || !ward || !ward.getAttribute("data-wards-url")) return;
  province.addEventListener("change", function () {
    ward.innerHTML = "";
    var first = document.createElement("option");
    first.value = "";
    first.textContent = ward.getAttribute("data-placeholder") || "";
    ward.appendChild(first);
    if (!province.value) return;
    fetch(ward.getAttribute("data-wards-url") + "?province=" + encodeURIComponent(province.value))
      .then(function (response) { return response.json(); })
      .then(function (data) {
        data.wards.forEach(function (w) {
          var option = document.createElement("option");
          option.value = w.code;
          option.textContent = w.name;
          ward.appendChild(option);
        });
      });
  });
})();
