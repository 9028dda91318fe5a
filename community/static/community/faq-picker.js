// Search-as-you-type over FAQ titles for staff answering a post. Without JavaScript the field
// still works: staff paste /faq/<id>/ short links into it.
(function () {
  "use strict";

  function setUp(field) {
    const url = field.dataset.faqSearchUrl;
    const wrapper = document.createElement("div");
    wrapper.className = "form-field faq-picker";
    const label = document.createElement("label");
    const input = document.createElement("input");
    const results = document.createElement("ul");
    const status = document.createElement("p");
    input.type = "search";
    input.className = "faq-picker__input";
    input.id = field.id + "-search";
    input.autocomplete = "off";
    input.setAttribute("aria-controls", input.id + "-results");
    label.htmlFor = input.id;
    label.textContent = field.dataset.searchLabel || "Search FAQs";
    results.id = input.id + "-results";
    results.className = "faq-picker__results";
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    wrapper.append(label, input, results, status);
    const container = field.closest(".form-field") || field;
    container.parentNode.insertBefore(wrapper, container);

    let timer = null;
    let controller = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 200);
    });

    function search() {
      const query = input.value.trim();
      results.replaceChildren();
      if (!query) {
        status.textContent = "";
        return;
      }
      if (controller) controller.abort();
      controller = new AbortController();
      fetch(url + "?q=" + encodeURIComponent(query), {
        credentials: "same-origin",
        signal: controller.signal,
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (data) {
          data.results.forEach(function (faq) {
            const item = document.createElement("li");
            const button = document.createElement("button");
            button.type = "button";
            button.textContent = faq.title;
            button.addEventListener("click", function () {
              const lines = field.value.split("\n").filter(function (line) {
                return line.trim();
              });
              if (lines.indexOf(faq.short_link) === -1) lines.push(faq.short_link);
              field.value = lines.join("\n");
              status.textContent = faq.title + " ✓";
              results.replaceChildren();
              input.value = "";
              input.focus();
            });
            item.append(button);
            results.append(item);
          });
          status.textContent = (field.dataset.resultsLabel || "{count}").replace(
            "{count}",
            data.results.length,
          );
        })
        .catch(function () {});
    }
  }

  document.querySelectorAll("textarea[data-faq-search-url]").forEach(setUp);
})();
