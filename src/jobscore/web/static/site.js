// Forms marked data-answer answer on the page: the form is sent as usual (GET, the same
// URL a person could bookmark), the answer alone comes back and replaces the answer area,
// and focus moves to it. Without JavaScript the same form loads the whole page.
(function () {
  "use strict";
  function answerOnPage(form) {
    var target = document.getElementById(form.getAttribute("data-answer"));
    if (!target || !window.fetch) { return; }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var query = new URLSearchParams(new FormData(form)).toString();
      var url = form.getAttribute("action") + "?" + query;
      target.setAttribute("aria-busy", "true");
      fetch(url, { headers: { "Accept": "text/html", "X-Jobscore-Fragment": "1" }, credentials: "same-origin" })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          target.innerHTML = html;
          target.removeAttribute("aria-busy");
          var heading = target.querySelector(".answer-heading, [role=alert]");
          if (heading) {
            if (!heading.hasAttribute("tabindex")) { heading.setAttribute("tabindex", "-1"); }
            heading.focus();
          }
        })
        .catch(function () {
          target.removeAttribute("aria-busy");
          target.textContent = "The answer could not be loaded; send the form again.";
        });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll("form[data-answer]");
    for (var i = 0; i < forms.length; i++) { answerOnPage(forms[i]); }
  });
})();
