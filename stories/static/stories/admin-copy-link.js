// "Copy link" on FAQs in the admin: copies the FAQ's short link. Where the clipboard API is
// not available (an admin served over plain HTTP), the link is shown selected for copying.
(function () {
  "use strict";

  function announce(text) {
    var region = document.getElementById("dangol-copy-link-status");
    if (!region) {
      region = document.createElement("div");
      region.id = "dangol-copy-link-status";
      region.setAttribute("role", "status");
      region.className = "help-block help-info";
      region.style.position = "fixed";
      region.style.insetBlockEnd = "1rem";
      region.style.insetInlineEnd = "1rem";
      region.style.zIndex = "1000";
      region.style.padding = "0.75rem 1rem";
      document.body.appendChild(region);
    }
    region.textContent = text;
    window.clearTimeout(region.dangolTimer);
    region.dangolTimer = window.setTimeout(function () {
      region.textContent = "";
    }, 4000);
  }

  function showForManualCopy(link) {
    window.prompt(link.getAttribute("data-dangol-copy-link-prompt"), link.getAttribute("data-dangol-copy-link"));
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-dangol-copy-link]");
    if (!link) {
      return;
    }
    event.preventDefault();
    var url = link.getAttribute("data-dangol-copy-link");
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(
        function () { announce(link.getAttribute("data-dangol-copy-link-done")); },
        function () { showForManualCopy(link); }
      );
    } else {
      showForManualCopy(link);
    }
  });
})();
