/* The "打印" link of a catalog item: prints the page directly (the print stylesheet leaves out the
 * site's navigation); without JavaScript the link opens the print view (?print=1). */
(function () {
  'use strict';
  document.addEventListener('click', function (e) {
    var el = e.target && e.target.closest ? e.target.closest('[data-print]') : null;
    if (!el || typeof window.print !== 'function') return;
    e.preventDefault();
    window.print();
  });
})();
