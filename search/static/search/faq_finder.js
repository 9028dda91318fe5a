// The admin FAQ finder: results while typing and copy buttons. Without this script the form
// submits normally and each link can be selected and copied by hand.
(function () {
  "use strict";
  var input = document.querySelector("[data-faq-finder]");
  if (!input) return;
  var results = document.getElementById(input.dataset.results);
  var timer = null;
  var controller = null;

  function showCopyButtons() {
    results.querySelectorAll("[data-copy]").forEach(function (button) {
      if (navigator.clipboard) button.hidden = false;
    });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      if (controller) controller.abort();
      controller = new AbortController();
      var params = new URLSearchParams({ q: input.value.slice(0, 200), results_only: "1" });
      fetch(input.form.action + "?" + params, { signal: controller.signal })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          results.innerHTML = html;
          showCopyButtons();
          history.replaceState(null, "", "?" + new URLSearchParams({ q: input.value }));
        })
        .catch(function () {});
    }, 200);
  });

  results.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    navigator.clipboard.writeText(button.dataset.copy).then(function () {
      var label = button.textContent;
      button.textContent = button.dataset.copied || "✓";
      setTimeout(function () { button.textContent = label; }, 1500);
    });
  });

  showCopyButtons();
})();
