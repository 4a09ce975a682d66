// The commune form: propose the code from the name while the code is still empty (the server does the same).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var slug = document.querySelector("[data-slug-from]");
    if (!slug) { return; }
    var name = document.getElementById(slug.getAttribute("data-slug-from"));
    if (!name) { return; }
    var touched = slug.value !== "";
    slug.addEventListener("input", function () { touched = slug.value !== ""; });
    name.addEventListener("input", function () {
      if (touched) { return; }
      slug.value = name.value.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    });
  });
})();
