// hamsu reader: hovering, focusing or clicking a sentence highlights every sentence of its
// aligned unit, on both sides. Sentences carry data-unit (the unit's id). No libraries.
(function () {
  "use strict";

  function sentencesOf(unit) {
    return document.querySelectorAll('.sent[data-unit="' + unit + '"]');
  }

  function mark(unit, cls, on) {
    sentencesOf(unit).forEach(function (el) { el.classList.toggle(cls, on); });
  }

  function sentenceAt(node) {
    return node && node.closest ? node.closest(".sent[data-unit]") : null;
  }

  var selected = null;

  function select(unit, scroll) {
    if (selected !== null) mark(selected, "sel", false);
    if (selected === unit) { selected = null; return; }
    selected = unit;
    mark(unit, "sel", true);
    if (!scroll) return;
    // Bring the counterpart into view when it is off screen.
    sentencesOf(unit).forEach(function (el) {
      var r = el.getBoundingClientRect();
      if (r.bottom < 0 || r.top > window.innerHeight) el.scrollIntoView({ block: "center", behavior: "smooth" });
    });
  }

  document.addEventListener("mouseover", function (e) {
    var s = sentenceAt(e.target);
    if (s) mark(s.dataset.unit, "hl", true);
  });
  document.addEventListener("mouseout", function (e) {
    var s = sentenceAt(e.target);
    if (s && sentenceAt(e.relatedTarget) !== s) mark(s.dataset.unit, "hl", false);
  });
  document.addEventListener("focusin", function (e) {
    var s = sentenceAt(e.target);
    if (s) mark(s.dataset.unit, "hl", true);
  });
  document.addEventListener("focusout", function (e) {
    var s = sentenceAt(e.target);
    if (s) mark(s.dataset.unit, "hl", false);
  });
  document.addEventListener("click", function (e) {
    var s = sentenceAt(e.target);
    if (s && !window.getSelection().toString()) select(s.dataset.unit, true);
  });
  document.addEventListener("keydown", function (e) {
    var s = sentenceAt(e.target);
    if (s && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); select(s.dataset.unit, true); }
  });

  // Selecting text inside a sentence lights its unit too.
  var selecting = null;
  document.addEventListener("selectionchange", function () {
    var sel = window.getSelection();
    var s = sel && sel.rangeCount && sel.toString() ? sentenceAt(sel.anchorNode.parentElement) : null;
    var unit = s ? s.dataset.unit : null;
    if (unit === selecting) return;
    if (selecting !== null) mark(selecting, "hl", false);
    selecting = unit;
    if (unit !== null) mark(unit, "hl", true);
  });

  // /doc/ID#uUNIT (a search hit): select that unit.
  function fromHash() {
    var m = /^#u(\d+)$/.exec(window.location.hash);
    if (m && sentencesOf(m[1]).length) { selected = null; select(m[1], false); }
  }
  window.addEventListener("hashchange", fromHash);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fromHash);
  else fromHash();
})();
