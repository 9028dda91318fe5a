// "Was this helpful?" without a page reload. Without JavaScript the form posts and the
// server redirects back with a message; with it, the answer shows in the form's status line.
(function () {
  "use strict";

  function enhance(form) {
    var status = form.querySelector("[data-faq-feedback-status]");
    form.addEventListener("submit", function (event) {
      var submitter = event.submitter;
      if (!window.fetch || !window.FormData || !submitter) {
        return; // an old browser: the ordinary form post works
      }
      event.preventDefault();
      var data = new FormData(form);
      data.set(submitter.name, submitter.value);
      var buttons = form.querySelectorAll("button");
      buttons.forEach(function (button) { button.disabled = true; });
      fetch(form.action, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.json().then(function (body) {
            return { ok: response.ok, body: body };
          });
        })
        .then(function (result) {
          status.textContent = result.ok ? result.body.message : result.body.error;
          status.classList.toggle("faq-feedback__status--error", !result.ok);
          buttons.forEach(function (button) {
            button.setAttribute("aria-pressed", String(result.ok && button === submitter));
          });
        })
        .catch(function () {
          // The network or the server failed: fall back to a normal post, which does not send
          // the button pressed on its own.
          var choice = document.createElement("input");
          choice.type = "hidden";
          choice.name = submitter.name;
          choice.value = submitter.value;
          form.appendChild(choice);
          form.submit();
        })
        .finally(function () {
          buttons.forEach(function (button) { button.disabled = false; });
        });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-faq-feedback]").forEach(enhance);
  });
})();
