// Search, progressively enhanced: title suggestions while typing (a native datalist) and a
// count of which result was opened. Without this script the search works the same.
(function () {
  "use strict";

  function enhanceSuggestions(input, index) {
    var list = document.createElement("datalist");
    list.id = "search-suggestions-" + index;
    input.after(list);
    input.setAttribute("list", list.id);
    var timer = null;
    var controller = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 1) {
        list.replaceChildren();
        return;
      }
      timer = setTimeout(function () {
        if (controller) controller.abort();
        controller = new AbortController();
        var url = input.dataset.suggestUrl + "?" + new URLSearchParams({
          q: text.slice(0, 200),
          locale: input.dataset.suggestLocale || "",
        });
        fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) {
            list.replaceChildren.apply(list, data.suggestions.map(function (item) {
              var option = document.createElement("option");
              option.value = item.title;
              return option;
            }));
          })
          .catch(function () {});
      }, 150);
    });
  }

  function trackClicks(results) {
    var form = document.getElementById("search-click-form");
    if (!form || !navigator.sendBeacon) return;
    results.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-click-token]");
      if (!link) return;
      var data = new FormData(form);
      data.append("token", link.dataset.clickToken);
      navigator.sendBeacon(results.dataset.clickUrl, data);
    });
  }

  document.querySelectorAll("input[data-suggest-url]").forEach(enhanceSuggestions);
  document.querySelectorAll("[data-click-url]").forEach(trackClicks);
})();
