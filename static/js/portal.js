/* Behaviour of every portal page, loaded by base.html. The Content Security Policy allows no inline script, no
 * event-handler attribute and no style attribute (README: Security headers), so what used to sit there is here:
 * - data-left / data-width: positions and widths the server computed (Gantt chart, dashboard bars, progress bars),
 *   applied through the CSSOM, which the policy allows; only plain percentages are accepted;
 * - select[data-autosubmit]: the year pickers submit their form when changed;
 * - input[data-select-on-focus]: the calendar feed's address is selected whole on focus, ready to copy;
 * - [data-confirm]: a button that asks before submitting its form. */
(function () {
  "use strict";

  var PERCENT = /^\d+(\.\d+)?%$/;

  function place(root) {
    root.querySelectorAll("[data-left], [data-width]").forEach(function (element) {
      var left = element.getAttribute("data-left");
      var width = element.getAttribute("data-width");
      if (left && PERCENT.test(left)) {
        element.style.left = left;
      }
      if (width && PERCENT.test(width)) {
        element.style.width = width;
      }
    });
  }

  place(document);

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches("select[data-autosubmit]") && target.form) {
      target.form.submit();
    }
  });

  document.addEventListener("focusin", function (event) {
    if (event.target.matches("input[data-select-on-focus]")) {
      event.target.select();
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
})();
