/* Every page: filter forms send only the fields that are filled in (an empty field is no filter,
   and the address stays short); tables with class "sortable" sort by a click on a header. */
(function () {
  'use strict';
  document.querySelectorAll('form.filters').forEach(function (form) {
    form.addEventListener('submit', function () {
      form.querySelectorAll('input, select').forEach(function (f) { if (f.name && !f.value) { f.disabled = true; } });
      // A page restored from the back/forward cache gets its fields back.
      window.addEventListener('pageshow', function () { form.querySelectorAll('[disabled]').forEach(function (f) { f.disabled = false; }); });
    });
  });

  function cellValue(row, i) {
    var cell = row.cells[i];
    if (!cell) { return ''; }
    return cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
  }
  function compare(a, b) {
    var x = parseFloat(a), y = parseFloat(b);
    if (!isNaN(x) && !isNaN(y) && String(x) === a.replace(/^0+(?=\d)/, '') && String(y) === b.replace(/^0+(?=\d)/, '')) { return x - y; }
    if (a === '' || a === '–') { return b === '' || b === '–' ? 0 : 1; }
    if (b === '' || b === '–') { return -1; }
    return a.localeCompare(b);
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, i) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      button.textContent = th.textContent;
      th.textContent = '';
      th.appendChild(button);
      button.addEventListener('click', function () {
        var dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir);
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var c = compare(cellValue(r1, i), cellValue(r2, i));
          return dir === 'ascending' ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
