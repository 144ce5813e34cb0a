/* The application form: a character counter for the description, and "this may already be public" —
 * while the applicant types, published items matching the description are fetched from
 * /apply/suggest and listed in a live region. Without JavaScript the "查找已公开信息" button does the same
 * by submitting the form. Also shows the receipt's print button (it needs JavaScript). */
(function () {
  'use strict';
  var prints = document.querySelectorAll('[data-print][hidden]');
  for (var i = 0; i < prints.length; i++) {
    prints[i].hidden = false;
    prints[i].addEventListener('click', function () { window.print(); });
  }
  var form = document.querySelector('form[data-suggest]');
  if (!form) return;
  var area = form.querySelector('textarea[name="description"]');
  var counter = document.getElementById('description-counter');
  var live = document.getElementById('suggest-live');
  if (!area) return;
  function count() {
    if (!counter) return;
    var n = Array.from(area.value).length;
    counter.textContent = (counter.getAttribute('data-template') || '').replace('{count}', String(n));
  }
  var timer = null;
  var last = '';
  var seq = 0;
  function show(items) {
    if (!live) return;
    live.textContent = '';
    if (!items.length) return;
    var h = document.createElement('p');
    h.textContent = (live.getAttribute('data-found') || '').replace('{count}', String(items.length));
    var ul = document.createElement('ul');
    items.forEach(function (it) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = it.href;
      a.textContent = it.title;
      a.target = '_blank';
      a.rel = 'noopener';
      li.appendChild(a);
      var meta = [it.docNo, it.agency, it.publishedOn].filter(Boolean).join(' · ');
      if (meta) {
        var s = document.createElement('span');
        s.className = 'muted';
        s.textContent = ' ' + meta;
        li.appendChild(s);
      }
      ul.appendChild(li);
    });
    live.appendChild(h);
    live.appendChild(ul);
  }
  function lookup() {
    var q = area.value.trim();
    if (q === last) return;
    last = q;
    if (q.length < 4) { show([]); return; }
    var mine = ++seq;
    fetch(form.getAttribute('data-suggest') + '?q=' + encodeURIComponent(q.slice(0, 500)), { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : { items: [] }; })
      .then(function (d) { if (mine === seq) show(d.items || []); })
      .catch(function () {});
  }
  area.addEventListener('input', function () {
    count();
    clearTimeout(timer);
    timer = setTimeout(lookup, 600);
  });
  count();
})();
