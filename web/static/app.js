// ruku 审核工作台. Loaded from /static/ (the CSP allows no inline script).
// Places each evidence highlight over the page image: the server writes
// the box as data- attributes in percent of the page; setting them through
// the CSSOM is allowed where inline style attributes are not.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var first = null;
  document.querySelectorAll(".hl[data-left]").forEach(function (el) {
    el.style.left = el.dataset.left + "%";
    el.style.top = el.dataset.top + "%";
    el.style.width = el.dataset.width + "%";
    el.style.height = el.dataset.height + "%";
    el.classList.add("placed");
    if (!first) first = el;
  });
  if (first) {
    var img = document.getElementById("page-image");
    var go = function () { first.scrollIntoView({block: "nearest"}); };
    if (img && !img.complete) img.addEventListener("load", go); else go();
  }
});
