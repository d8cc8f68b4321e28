// Sorting and filtering of the site's tables, in the page itself: nothing is fetched.
(function () {
  "use strict";
  function cellKey(row, index, type) {
    var cell = row.cells[index];
    var raw = cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent;
    return type === "number" ? parseFloat(raw) : raw.trim().toLowerCase();
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, index) {
      th.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var type = th.getAttribute("data-type");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellKey(a, index, type), y = cellKey(b, index, type);
          var order = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
  var filters = document.querySelectorAll("select[data-filter]");
  var table = document.getElementById("triage-table");
  function applyFilters() {
    var shown = 0, rows = table.tBodies[0].rows;
    Array.prototype.forEach.call(rows, function (row) {
      var keep = Array.prototype.every.call(filters, function (select) {
        return !select.value || row.getAttribute("data-" + select.dataset.filter) === select.value;
      });
      row.hidden = !keep;
      if (keep) { shown += 1; }
    });
    document.getElementById("row-count").textContent = shown + " of " + rows.length + " routes";
  }
  if (table) {
    filters.forEach(function (select) { select.addEventListener("change", applyFilters); });
    applyFilters();
  }
})();
