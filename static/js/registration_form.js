/* The registration form shows only the fields the chosen title needs: the person for a title of individuals, the
 * household for a title of households, the initiative where the title requires or allows one. The title's <option>
 * carries data-kind and data-initiative; the fields carry data-for-kind / data-for-initiative (registrations/forms.py).
 * Without this script every field stays visible and the server ignores the ones that do not apply. */
(function () {
  "use strict";

  function box(element) {
    // A form control is hidden with its label and help (crispy's wrapper div_id_<name>); anything else by itself.
    if (/^(SELECT|INPUT|TEXTAREA)$/.test(element.tagName)) {
      return element.closest("[id^='div_id_']") || element.parentElement;
    }
    return element;
  }

  function applies(element, kind, initiative) {
    if (element.hasAttribute("data-for-kind")) {
      return element.getAttribute("data-for-kind") === kind;
    }
    return initiative === "required" || initiative === "allowed";
  }

  function update(form, title) {
    var option = title.options[title.selectedIndex];
    var kind = option ? option.getAttribute("data-kind") : null;
    var initiative = option ? option.getAttribute("data-initiative") : null;
    form.querySelectorAll("[data-for-kind], [data-for-initiative]").forEach(function (element) {
      var target = box(element);
      // A field the server flagged stays in sight, whatever the title.
      var flagged = target.querySelector && target.querySelector(".is-invalid, .invalid-feedback");
      target.hidden = !flagged && !applies(element, kind, initiative);
    });
  }

  document.querySelectorAll("form select[name='title']").forEach(function (title) {
    var form = title.form;
    if (!form) {
      return;
    }
    title.addEventListener("change", function () {
      update(form, title);
    });
    update(form, title);
  });
})();
