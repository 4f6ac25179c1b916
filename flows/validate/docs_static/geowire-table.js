/* geowire: renders the tables of GE's Data Docs index page ($(...).bootstrapTable(options))
 * without the bootstrap-table library, which no Python package ships: the columns and rows
 * GE passes, sortable by clicking a heading, filtered by a search box, rows as links. */
(function ($) {
  "use strict";

  function sortKey(column) {
    return column.sortName || column.field;
  }

  function textOf(html) {
    return $("<div>").html(html == null ? "" : String(html)).text().trim().toLowerCase();
  }

  function compare(a, b) {
    if (typeof a === "number" && typeof b === "number") { return a - b; }
    return textOf(a).localeCompare(textOf(b));
  }

  function render($table, state) {
    var o = state.options, needle = state.search.toLowerCase();
    var rows = o.data.filter(function (row) {
      return !needle || o.columns.some(function (c) { return textOf(row[c.field]).indexOf(needle) >= 0; });
    });
    if (state.sortBy) {
      rows.sort(function (a, b) { return compare(a[state.sortBy], b[state.sortBy]) * (state.desc ? -1 : 1); });
    }
    var $body = $("<tbody>");
    rows.forEach(function (row, i) {
      var $tr = $("<tr>");
      var attrs = typeof window[o.rowAttributes] === "function" ? window[o.rowAttributes](row, i) : {};
      $.each(attrs, function (name, value) { $tr.attr(name, value); });
      var style = typeof window[o.rowStyle] === "function" ? window[o.rowStyle](row, i) : {};
      if (style.css) { $tr.css(style.css); }
      o.columns.forEach(function (c) { $("<td>").html(row[c.field] == null ? "" : row[c.field]).appendTo($tr); });
      $tr.on("click", function () { $table.trigger("click-row.bs.table", [row, $tr]); });
      $body.append($tr);
    });
    $table.children("tbody").remove();
    $table.append($body);
  }

  function header($table, state) {
    var $row = $("<tr>");
    state.options.columns.forEach(function (c) {
      var $th = $("<th>").text(c.title || c.field).attr("scope", "col");
      if (String(c.sortable) === "true") {
        $th.css("cursor", "pointer").on("click", function () {
          state.desc = state.sortBy === sortKey(c) ? !state.desc : false;
          state.sortBy = sortKey(c);
          render($table, state);
        });
      }
      $row.append($th);
    });
    $table.empty().append($("<thead>").append($row));
  }

  $.fn.bootstrapTable = function (options) {
    if (typeof options === "string") { return this; }  // methods (clear filters, reset search)
    return this.each(function () {
      var $table = $(this);
      var sorted = options.columns.filter(function (c) { return c.field === options.sortName; })[0];
      var state = {options: options, search: "", desc: options.sortOrder === "desc",
                   sortBy: sorted ? sortKey(sorted) : null};
      $table.addClass("table table-sm table-hover");
      header($table, state);
      if (String(options.search) === "true" && options.toolbar) {
        $("<input type='search' class='form-control form-control-sm d-inline-block w-auto ml-2' placeholder='Search'>")
          .on("input", function () { state.search = this.value; render($table, state); })
          .appendTo($(options.toolbar));
      }
      render($table, state);
    });
  };
}(window.jQuery));
