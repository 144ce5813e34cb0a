/*
 * Gongkai accessibility toolbar, part 2 of 2 (deferred). Reveals the toolbar (hidden without JavaScript)
 * and runs its tools: read aloud (continuous and point-to-read, with speed), text and page zoom,
 * colour schemes, large cursor, reading guide, large captions, plain text, reset, and the keyboard
 * shortcut (Alt+Shift+A). Browser speech synthesis only; no third-party service. Settings are kept in
 * localStorage by public/js/a11y-init.js (window.GongkaiA11y).
 */
(function () {
  'use strict';

  var TEXT_STEPS = [1, 1.2, 1.35, 1.5, 1.65, 1.8];
  var PAGE_STEPS = [1, 1.1, 1.25, 1.5, 1.75, 2];
  var RATE_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2];
  var BLOCKS = 'h1,h2,h3,h4,h5,h6,p,li,dt,dd,th,td,caption,summary,figcaption,blockquote,legend,label,pre';
  /** Navigation (menus, column navigation, pagination) is not read aloud as part of the page's text. */
  var SKIP_READING = 'nav,[role="navigation"]';
  var POINTABLE = 'a,button,summary,label,h1,h2,h3,h4,h5,h6,p,li,dt,dd,th,td,caption,legend,figcaption,blockquote,input,select,textarea,img,output,pre';

  function nearestIndex(steps, value) {
    var best = 0;
    for (var i = 1; i < steps.length; i++) if (Math.abs(steps[i] - value) < Math.abs(steps[best] - value)) best = i;
    return best;
  }

  function step(steps, value, dir) {
    var i = nearestIndex(steps, value) + dir;
    return steps[Math.max(0, Math.min(steps.length - 1, i))];
  }

  function clean(text) {
    return String(text || '').replace(/\s+/g, ' ').trim();
  }

  function init() {
    var api = window.GongkaiA11y;
    var root = document.documentElement;
    var cfgEl = document.getElementById('a11y-config');
    var bar = document.getElementById('a11y-toolbar');
    var launcher = document.getElementById('a11y-launcher');
    var toggle = document.getElementById('a11y-toggle');
    if (!api || !cfgEl || !bar || !launcher || !toggle) return;

    var cfg;
    try {
      cfg = JSON.parse(cfgEl.textContent || '{}');
    } catch (e) {
      return;
    }
    var messages = cfg.messages || {};
    var lang = cfg.lang || root.lang || 'zh-CN';
    function msg(key, params) {
      var text = messages[key] || key;
      if (params) text = text.replace(/\{(\w+)\}/g, function (m, name) { return name in params ? String(params[name]) : m; });
      return text;
    }

    var s = api.load();
    var statusEl = document.getElementById('a11y-status');
    var statusTimer = null;
    function status(text) {
      if (!statusEl) return;
      statusEl.textContent = text;
      window.clearTimeout(statusTimer);
      statusTimer = window.setTimeout(function () { statusEl.textContent = ''; }, 8000);
    }

    function persist() {
      api.save(s);
      api.apply(s);
      refresh();
    }

    // ----- overlays: reading guide (crosshair) and large captions -----
    var guideH = document.createElement('div');
    var guideV = document.createElement('div');
    guideH.className = 'a11y-overlay a11y-guide-h';
    guideV.className = 'a11y-overlay a11y-guide-v';
    guideH.setAttribute('aria-hidden', 'true');
    guideV.setAttribute('aria-hidden', 'true');
    var captions = document.createElement('div');
    captions.className = 'a11y-overlay a11y-captions-bar';
    captions.setAttribute('aria-hidden', 'true');
    var captionsText = document.createElement('p');
    captions.appendChild(captionsText);
    document.body.appendChild(guideH);
    document.body.appendChild(guideV);
    document.body.appendChild(captions);

    function placeGuide(x, y) {
      guideH.style.transform = 'translateY(' + Math.round(y) + 'px)';
      guideV.style.transform = 'translateX(' + Math.round(x) + 'px)';
      root.classList.add('a11y-guide-placed');
    }

    // ----- the text under the pointer or the focus -----
    function labelOf(field) {
      if (field.labels && field.labels.length) return clean(field.labels[0].innerText || field.labels[0].textContent);
      return clean(field.getAttribute('aria-label') || field.getAttribute('placeholder') || '');
    }
    function textOf(el) {
      if (!el || el.nodeType !== 1 || !el.closest) return '';
      if (el.closest('.a11y-overlay')) return '';
      var t = el.closest(POINTABLE);
      if (!t) return '';
      if (t.tagName === 'IMG') return clean(t.getAttribute('alt'));
      if (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA') {
        var v = t.type === 'password' || t.type === 'hidden' ? '' : t.value;
        return clean(labelOf(t) + ' ' + (v || ''));
      }
      if (t.tagName === 'SELECT') {
        var opt = t.options[t.selectedIndex];
        return clean(labelOf(t) + ' ' + (opt ? opt.text : ''));
      }
      var own = t.getAttribute('aria-label');
      var text = own || t.innerText || t.textContent;
      return clean(text).slice(0, 300);
    }

    // ----- speech -----
    var synth = window.speechSynthesis;
    var canSpeak = !!(synth && window.SpeechSynthesisUtterance);
    var warnedVoice = false;
    function pickVoice() {
      var voices = (synth.getVoices && synth.getVoices()) || [];
      var want = lang.toLowerCase();
      var base = want.split('-')[0];
      var norm = function (v) { return String(v.lang || '').replace('_', '-').toLowerCase(); };
      var exact = null;
      var near = null;
      for (var i = 0; i < voices.length; i++) {
        var l = norm(voices[i]);
        if (!exact && l === want) exact = voices[i];
        if (!near && l.split('-')[0] === base) near = voices[i];
      }
      return exact || near;
    }
    if (canSpeak && synth.getVoices) synth.getVoices(); // starts loading the voice list

    function speak(text, done) {
      var u = new window.SpeechSynthesisUtterance(text);
      u.lang = lang;
      u.rate = s.rate;
      var voice = pickVoice();
      if (voice) u.voice = voice;
      else if (!warnedVoice && synth.getVoices && synth.getVoices().length) {
        warnedVoice = true;
        status(msg('a11y.status.noVoice'));
      }
      var finished = false;
      function end(failed) {
        if (finished) return;
        finished = true;
        if (done) done(failed === true);
      }
      u.onend = function () { end(false); };
      u.onerror = function (ev) {
        // 'interrupted' and 'canceled' are our own stops; anything else means the browser cannot speak.
        var code = ev && ev.error;
        end(code !== 'interrupted' && code !== 'canceled');
      };
      synth.speak(u);
    }

    /** Blocks of the main content in reading order, each with its own text (nested blocks read separately). */
    function readingChunks() {
      var main = document.getElementById('main');
      if (!main) return [];
      var out = [];
      var nodes = main.querySelectorAll(BLOCKS);
      for (var i = 0; i < nodes.length; i++) {
        var el = nodes[i];
        if (!el.getClientRects().length) continue; // hidden (closed <details>, display:none)
        if (el.closest(SKIP_READING)) continue; // read the content, not the column navigation
        var text = '';
        for (var c = el.firstChild; c; c = c.nextSibling) {
          if (c.nodeType === 3) text += c.nodeValue;
          else if (c.nodeType === 1 && c.matches(SKIP_READING)) continue; // a menu inside a block
          else if (c.nodeType === 1 && !c.matches(BLOCKS) && !c.querySelector(BLOCKS)) text += ' ' + (c.innerText || c.textContent);
          else if (c.nodeType === 1 && !c.matches(BLOCKS)) {
            // an inline wrapper that contains blocks: read only its direct text
            for (var g = c.firstChild; g; g = g.nextSibling) if (g.nodeType === 3) text += g.nodeValue;
          }
        }
        text = clean(text);
        if (!text) continue;
        // Long paragraphs are split at sentence ends: some engines stop long utterances.
        var parts = text.match(/[^。！？；!?;]+[。！？；!?;]?/g) || [text];
        var buf = '';
        for (var p = 0; p < parts.length; p++) {
          if ((buf + parts[p]).length > 160 && buf) {
            out.push({ el: el, text: buf });
            buf = '';
          }
          buf += parts[p];
        }
        if (clean(buf)) out.push({ el: el, text: clean(buf) });
      }
      return out;
    }

    var reading = null;
    var highlighted = null;
    function highlight(el) {
      if (highlighted) highlighted.classList.remove('a11y-reading');
      highlighted = el;
      if (!el) return;
      el.classList.add('a11y-reading');
      var r = el.getBoundingClientRect();
      if (r.top < 0 || r.bottom > window.innerHeight) el.scrollIntoView({ block: 'center' });
    }

    function stopReading(silent) {
      var was = !!reading;
      reading = null;
      if (canSpeak) synth.cancel();
      highlight(null);
      refresh();
      if (was && !silent) status(msg('a11y.status.stopped'));
    }

    function nextChunk() {
      if (!reading) return;
      if (reading.i >= reading.chunks.length) {
        reading = null;
        highlight(null);
        refresh();
        status(msg('a11y.status.readingDone'));
        return;
      }
      var run = reading;
      var chunk = run.chunks[run.i++];
      highlight(chunk.el);
      speak(chunk.text, function (failed) {
        if (reading !== run) return;
        if (failed) {
          stopReading(true);
          status(msg('a11y.status.noSpeech'));
          return;
        }
        nextChunk();
      });
    }

    function startReading() {
      if (!canSpeak) {
        status(msg('a11y.status.noSpeech'));
        return;
      }
      stopReading(true);
      reading = { chunks: readingChunks(), i: 0 };
      refresh();
      status(msg('a11y.status.reading'));
      nextChunk();
    }

    var lastPointed = '';
    var pointTimer = null;
    function pointAt(el) {
      if (!s.point || !canSpeak || reading) return;
      var text = textOf(el);
      if (!text || text === lastPointed) return;
      lastPointed = text;
      window.clearTimeout(pointTimer);
      pointTimer = window.setTimeout(function () {
        synth.cancel();
        speak(text, function (failed) {
          if (failed) status(msg('a11y.status.noSpeech'));
        });
      }, 250);
    }

    function showCaption(el) {
      if (!s.captions) return;
      var text = textOf(el);
      if (text) captionsText.textContent = text;
    }

    // ----- plain text: images become their descriptions -----
    var altsDone = false;
    function addAltTexts() {
      if (altsDone) return;
      altsDone = true;
      var imgs = document.querySelectorAll('#page img[alt]');
      for (var i = 0; i < imgs.length; i++) {
        var alt = clean(imgs[i].getAttribute('alt'));
        if (!alt) continue;
        var span = document.createElement('span');
        span.className = 'a11y-alt';
        span.textContent = msg('a11y.imageAlt', { alt: alt });
        imgs[i].parentNode.insertBefore(span, imgs[i].nextSibling);
      }
    }

    // ----- state → controls -----
    var rateOut = document.getElementById('a11y-rate-value');
    var textOut = document.getElementById('a11y-text-value');
    var pageOut = document.getElementById('a11y-page-value');
    function pressed(el, on) {
      el.setAttribute('aria-pressed', on ? 'true' : 'false');
    }
    function refresh() {
      var buttons = bar.querySelectorAll('[data-a11y]');
      for (var i = 0; i < buttons.length; i++) {
        var b = buttons[i];
        var tool = b.getAttribute('data-a11y');
        if (tool === 'scheme') pressed(b, s.scheme === b.getAttribute('data-value'));
        else if (tool === 'read') pressed(b, !!reading);
        else if (tool === 'point' || tool === 'cursor' || tool === 'guide' || tool === 'captions' || tool === 'plain') pressed(b, !!s[tool]);
        if ((tool === 'read' || tool === 'point' || tool === 'rate-up' || tool === 'rate-down') && !canSpeak) b.setAttribute('aria-disabled', 'true');
      }
      if (rateOut) rateOut.textContent = msg('a11y.value.rate', { value: s.rate.toFixed(s.rate * 100 % 10 ? 2 : 1) });
      if (textOut) textOut.textContent = msg('a11y.value.percent', { value: Math.round(s.text * 100) });
      if (pageOut) pageOut.textContent = msg('a11y.value.percent', { value: Math.round(s.page * 100) });
      toggle.setAttribute('aria-expanded', bar.hidden ? 'false' : 'true');
      if (s.plain) addAltTexts();
    }

    function setOpen(open, moveFocus) {
      bar.hidden = !open;
      s.open = open;
      persist();
      if (open && moveFocus) {
        var first = bar.querySelector('button, a');
        if (first) first.focus();
      } else if (!open && moveFocus) {
        toggle.focus();
      }
      if (!open) stopReading(true);
    }

    function reset() {
      stopReading(true);
      var open = s.open;
      s = api.normalise({});
      s.open = open;
      captionsText.textContent = '';
      root.classList.remove('a11y-guide-placed');
      persist();
      status(msg('a11y.status.reset'));
    }

    bar.addEventListener('click', function (e) {
      var b = e.target && e.target.closest ? e.target.closest('[data-a11y]') : null;
      if (!b || !bar.contains(b)) return;
      var tool = b.getAttribute('data-a11y');
      switch (tool) {
        case 'read':
          if (reading) stopReading();
          else startReading();
          return;
        case 'point':
          if (!canSpeak) return status(msg('a11y.status.noSpeech'));
          s.point = !s.point;
          lastPointed = '';
          if (!s.point) synth.cancel();
          else stopReading(true);
          persist();
          return status(msg(s.point ? 'a11y.status.pointOn' : 'a11y.status.pointOff'));
        case 'rate-up':
        case 'rate-down':
          if (!canSpeak) return status(msg('a11y.status.noSpeech'));
          s.rate = step(RATE_STEPS, s.rate, tool === 'rate-up' ? 1 : -1);
          return persist();
        case 'text-up':
        case 'text-down':
          s.text = step(TEXT_STEPS, s.text, tool === 'text-up' ? 1 : -1);
          return persist();
        case 'page-up':
        case 'page-down':
          s.page = step(PAGE_STEPS, s.page, tool === 'page-up' ? 1 : -1);
          return persist();
        case 'scheme':
          s.scheme = b.getAttribute('data-value') || 'default';
          return persist();
        case 'cursor':
        case 'guide':
        case 'captions':
        case 'plain':
          s[tool] = !s[tool];
          if (tool === 'captions' && s.captions) showCaption(document.activeElement);
          return persist();
        case 'reset':
          return reset();
        case 'close':
          return setOpen(false, true);
      }
    });

    toggle.addEventListener('click', function () {
      setOpen(bar.hidden, false);
      status(msg(bar.hidden ? 'a11y.status.closed' : 'a11y.status.opened'));
    });

    document.addEventListener('keydown', function (e) {
      var key = String(e.key || '').toLowerCase();
      if (e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && (e.code === 'KeyA' || key === 'a')) {
        e.preventDefault();
        setOpen(bar.hidden, true);
        status(msg(bar.hidden ? 'a11y.status.closed' : 'a11y.status.opened'));
        return;
      }
      if (key === 'escape' || key === 'esc') {
        if (reading) {
          stopReading();
        } else if (!bar.hidden && bar.contains(document.activeElement)) {
          setOpen(false, true);
        }
      }
    });

    document.addEventListener('mousemove', function (e) {
      if (s.guide) placeGuide(e.clientX, e.clientY);
    }, { passive: true });
    document.addEventListener('mouseover', function (e) {
      pointAt(e.target);
      showCaption(e.target);
    });
    document.addEventListener('focusin', function (e) {
      pointAt(e.target);
      showCaption(e.target);
      if (s.guide && e.target && e.target.getBoundingClientRect) {
        var r = e.target.getBoundingClientRect();
        placeGuide(r.left + Math.min(r.width / 2, 40), r.top + r.height / 2);
      }
    });
    window.addEventListener('pagehide', function () {
      if (canSpeak) synth.cancel();
    });

    // Reveal: the launcher always, the toolbar if it was left open.
    launcher.hidden = false;
    bar.hidden = !s.open;
    refresh();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
