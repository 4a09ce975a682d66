/* A report job's page (reports/job_detail.html): polls the job's state every second while it is pending or
 * running, and shows its progress, step, error and download link. Without JavaScript the page reloads itself
 * (<noscript> refresh). */
(function () {
  "use strict";

  var box = document.getElementById("job");
  if (!box) {
    return;
  }

  function show(state) {
    var bar = document.getElementById("job-bar");
    bar.style.width = state.progress + "%";
    bar.textContent = state.progress + "%";
    bar.parentNode.setAttribute("aria-valuenow", state.progress);
    document.getElementById("job-step").textContent = state.step;
    var error = document.getElementById("job-error");
    error.textContent = state.error;
    error.classList.toggle("d-none", !state.error);
    var link = document.getElementById("job-download");
    if (state.download_url) {
      link.href = state.download_url;
      link.classList.remove("d-none");
    }
    return state.status === "pending" || state.status === "running";
  }

  function poll() {
    fetch(box.dataset.statusUrl, {headers: {"Accept": "application/json"}})
      .then(function (response) { return response.json(); })
      .then(function (state) { if (show(state)) { setTimeout(poll, 1000); } })
      .catch(function () { setTimeout(poll, 3000); });
  }

  if (box.dataset.polling === "1") {
    poll();
  }
})();
