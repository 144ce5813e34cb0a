/* The catalog's filters on a phone: the facet groups start folded so that the list is not pushed
 * far down the page (the chosen filters stay visible above it). Loaded right after the filters,
 * before the list is drawn; without JavaScript the groups stay open. */
(function () {
  'use strict';
  if (!window.matchMedia || !window.matchMedia('(max-width: 55.99em)').matches) return;
  var groups = document.querySelectorAll('.facets details.facet[open]');
  for (var i = 0; i < groups.length; i++) groups[i].removeAttribute('open');
})();
