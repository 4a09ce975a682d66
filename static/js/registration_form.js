/* The registration form shows only the fields the chosen title needs: the person for a title of individuals, the
 * household for a title of households, the initiative where the title requires or allows one. The title's <option>
 * carries data-kind and data-initiative; the fields carry data-for-kind / data-for-initiative (registrations/forms.py).
 * A title whose initiative may be replaced by excellent completion of duties (data-excellence="1", CSTĐCS under
 * NĐ 152/2025) shows the choice of ground (data-for-ground="choice"); its evidence (data-for-ground="evidence") shows
 * when that ground is chosen, the initiative when the initiative is.
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

  function chosenGround(form) {
    var checked = form.querySelector("input[name='ground']:checked");
    return checked ? checked.value : "initiative";
  }

  function applies(element, state) {
    if (element.hasAttribute("data-for-kind")) {
      return element.getAttribute("data-for-kind") === state.kind;
    }
    if (element.hasAttribute("data-for-ground")) {
      if (!state.excellence) {
        return false;
      }
      return element.getAttribute("data-for-ground") === "choice" || state.ground === "excellence";
    }
    if (state.excellence && state.ground === "excellence") {
      return false; // the initiative does not ground the title then
    }
    return state.initiative === "required" || state.initiative === "allowed";
  }

  function update(form, title) {
    var option = title.options[title.selectedIndex];
    var state = {
      kind: option ? option.getAttribute("data-kind") : null,
      initiative: option ? option.getAttribute("data-initiative") : null,
      excellence: !!option && option.getAttribute("data-excellence") === "1",
      ground: chosenGround(form)
    };
    form.querySelectorAll("[data-for-kind], [data-for-initiative], [data-for-ground]").forEach(function (element) {
      var target = box(element);
      // A field the server flagged stays in sight, whatever the title.
      var flagged = target.querySelector && target.querySelector(".is-invalid, .invalid-feedback");
      target.hidden = !flagged && !applies(element, state);
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
    form.querySelectorAll("input[name='ground']").forEach(function (radio) {
      radio.addEventListener("change", function () {
        update(form, title);
      });
    });
    update(form, title);
  });
})();
