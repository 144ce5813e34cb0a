/*
 * Gongkai accessibility toolbar, part 1 of 2: loaded synchronously in <head>, before the first paint.
 * Applies the settings remembered in localStorage (text and page zoom, colour scheme, cursor, reading
 * guide, captions, plain text, toolbar open) as classes and custom properties on <html>, so that a page
 * never flashes in the wrong mode. public/js/a11y.js (deferred) does everything else.
 */
(function () {
  'use strict';
  var KEY = 'gk-a11y';
  var root = document.documentElement;
  var schemes = ['yb', 'wb', 'bw'];

  var defaults = { open: false, text: 1, page: 1, scheme: 'default', cursor: false, guide: false, captions: false, plain: false, point: false, rate: 1 };

  function clamp(n, lo, hi, dflt) {
    n = Number(n);
    if (!isFinite(n)) return dflt;
    return Math.min(hi, Math.max(lo, n));
  }

  function normalise(raw) {
    var s = {};
    raw = raw && typeof raw === 'object' ? raw : {};
    s.open = raw.open === true;
    s.text = clamp(raw.text, 1, 1.8, 1);
    s.page = clamp(raw.page, 1, 2, 1);
    s.scheme = schemes.indexOf(raw.scheme) >= 0 ? raw.scheme : 'default';
    s.cursor = raw.cursor === true;
    s.guide = raw.guide === true;
    s.captions = raw.captions === true;
    s.plain = raw.plain === true;
    s.point = raw.point === true;
    s.rate = clamp(raw.rate, 0.5, 2, 1);
    return s;
  }

  function load() {
    try {
      return normalise(JSON.parse(window.localStorage.getItem(KEY) || '{}'));
    } catch (e) {
      return normalise({});
    }
  }

  function save(s) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(s));
    } catch (e) {
      /* storage unavailable (private mode): settings last for this page only */
    }
  }

  function flag(name, on) {
    if (on) root.classList.add(name);
    else root.classList.remove(name);
  }

  /** Puts the settings on <html>: everything visual is CSS keyed to these classes and properties. */
  function apply(s) {
    root.style.setProperty('--a11y-text', String(s.text));
    root.style.setProperty('--a11y-page', String(s.page));
    flag('a11y-text-zoomed', s.text > 1);
    // Elder mode (MIIT rules): from 150 % text, touch targets of at least 60 px and looser lines.
    flag('a11y-elder', s.text >= 1.5);
    flag('a11y-page-zoomed', s.page > 1);
    for (var i = 0; i < schemes.length; i++) flag('a11y-scheme-' + schemes[i], s.scheme === schemes[i]);
    flag('a11y-contrast', s.scheme !== 'default');
    flag('a11y-cursor', s.cursor);
    flag('a11y-guide', s.guide);
    flag('a11y-captions', s.captions);
    flag('a11y-plain', s.plain);
    flag('a11y-open', s.open);
  }

  root.classList.add('a11y-js');
  apply(load());

  window.GongkaiA11y = { KEY: KEY, defaults: defaults, normalise: normalise, load: load, save: save, apply: apply };
})();
