// Progressive enhancement only: every feature here also works without JavaScript.
(function () {
  "use strict";

  // "Leave this site quickly": replace this page in history so Back does not return to it.
  function leave(href) {
    document.body.style.visibility = "hidden";
    window.location.replace(href);
  }
  var exitLinks = document.querySelectorAll("[data-quick-exit]");
  exitLinks.forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      leave(link.getAttribute("href"));
    });
  });
  document.querySelectorAll("[data-quick-exit-hint]").forEach(function (hint) { hint.hidden = false; });
  if (exitLinks.length) {
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" || event.key === "Esc") {
        leave(exitLinks[0].getAttribute("href"));
      }
    });
  }

  // Error summary: move focus to it so screen readers announce the problem first.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
})();
