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
  // The GOV.UK "Exit this page" shortcut: Shift pressed 3 times within 5 seconds, nothing else in between. A single
  // key (Esc, say) fires by accident too easily, and a person in danger must not lose their answers by mistake.
  if (exitLinks.length) {
    var shiftPresses = 0;
    var shiftTimer = null;
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Shift" || event.repeat) {
        if (event.key !== "Shift") { shiftPresses = 0; }
        return;
      }
      shiftPresses += 1;
      window.clearTimeout(shiftTimer);
      shiftTimer = window.setTimeout(function () { shiftPresses = 0; }, 5000);
      if (shiftPresses >= 3) {
        leave(exitLinks[0].getAttribute("href"));
      }
    });
  }

  // Error summary: move focus to it so screen readers announce the problem first.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
})();
