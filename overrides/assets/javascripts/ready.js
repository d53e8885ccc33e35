/*
 * Sổ tay sinh hoạt chi bộ: when the page scripts (checklist.js, tables.js, planner.js, rubric.js) run.
 *
 * Each of them sets up what its page holds. Material's document$ emits once the page is there (and
 * again after an instant page load, were navigation.instant turned on); without Material's bundle
 * (a test harness, a page opened on its own) the DOM's own ready state decides. Listed first in
 * mkdocs.yml's extra_javascript so the others can call window.sotayReady(init).
 */
(function () {
  "use strict";
  window.sotayReady = function (init) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(init);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", init);
    } else {
      init();
    }
  };
})();
