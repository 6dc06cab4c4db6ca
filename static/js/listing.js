'use strict';
// Lists of statements (templates/_partials/_statement_listing.html):
// - on a phone the filters fold behind their "Filters" summary, at the top of the page;
//   on a wide screen they stay open beside the results;
// - a facet listed in full gets a box that narrows its values as the reader types.
(function () {
  const filters = document.getElementById('filters');
  if (filters) {
    const narrow = window.matchMedia('(max-width: 48rem)');
    const fit = () => { filters.open = !narrow.matches; };
    fit();
    narrow.addEventListener('change', fit);
  }
  const fold = (text) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  document.querySelectorAll('input.facet-filter').forEach((input) => {
    const list = document.getElementById(input.dataset.list);
    if (!list) return;
    input.hidden = false;
    input.addEventListener('input', () => {
      const needle = fold(input.value.trim());
      list.querySelectorAll('li').forEach((item) => {
        item.hidden = needle !== '' && !fold(item.textContent).includes(needle);
      });
    });
  });
})();
