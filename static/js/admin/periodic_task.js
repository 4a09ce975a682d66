/* django-celery-beat's periodic task form (templates/admin/djcelery/change_periodictask_form.html): the inline
 * script of the package, moved here because the Content Security Policy allows no inline script. */
(function ($) {
  "use strict";

  var data = document.getElementById("readable-crontabs");
  if (!$ || !data) {
    return;
  }
  var readableCrontabs = JSON.parse(data.textContent);
  var help = $(".field-crontab .help");
  var originalHelp = help.html();

  $(".field-crontab_translation").hide();
  $(".field-crontab").change(function () {
    var translation = readableCrontabs[$("#id_crontab").val()];
    help.text("").append(originalHelp, $("<br>"), document.createTextNode("Translation: " + translation));
  });
})(window.django && window.django.jQuery);
