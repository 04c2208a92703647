/* Forms marked data-confirm="question" ask before they submit (CSP forbids inline onsubmit). */
document.addEventListener("submit", function (event) {
  var question = event.target.getAttribute && event.target.getAttribute("data-confirm");
  if (question && !window.confirm(question)) event.preventDefault();
}, true);
