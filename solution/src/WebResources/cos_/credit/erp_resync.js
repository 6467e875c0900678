// creditOS "Invoices needing ERP re-sync" (cos_/credit/erp_resync.html) on the Credit management dashboard (session 34).
// An invoice whose ERP messages were applied out of order is flagged (cos_receivable.cos_erpresyncreason, sessions 32-33):
// its figures may be an older ERP version's until the ERP re-sends it and a credit manager or collector clears the flag.
// The tile counts the flagged invoices and their customers, when shown, with one aggregate FetchXML (paid ones included,
// as the view lists them), and links to the view "Invoices needing ERP re-sync" (cos_/scripts/erp_resync_view.js, shared with
// the worklist since session 35). Counts only: the amounts may be the
// stale figures themselves, and invoices in different currencies are not added up.
var creditOS = creditOS || {};

creditOS.ErpResyncTile = (function () {
    "use strict";

    var FETCH = '<fetch aggregate="true"><entity name="cos_receivable">' +
        '<attribute name="cos_receivableid" alias="invoices" aggregate="count" />' +
        '<attribute name="cos_accountid" alias="customers" aggregate="countcolumn" distinct="true" />' +
        '<filter type="and"><condition attribute="cos_erpresyncreason" operator="not-null" /></filter>' +
        "</entity></fetch>";
    var state = { requests: 0 };

    function xrm() {
        var api = window.Xrm || (window.parent && window.parent.Xrm);
        if (!api) {
            throw new Error("The tile runs on a dashboard: the Client API (parent.Xrm) is not available.");
        }
        return api;
    }

    function plural(count, one, many) {
        return count + " " + (count === 1 ? one : many);
    }

    function render(invoices, customers) {
        var tile = document.getElementById("tile");
        var status = document.getElementById("status");
        var count = document.createElement("p");
        count.id = "erp-resync-count";
        count.className = "cos-count" + (invoices > 0 ? " cos-warn" : "");
        count.setAttribute("data-invoices", String(invoices));
        count.setAttribute("data-customers", String(customers));
        count.textContent = String(invoices);
        tile.insertBefore(count, status);
        status.textContent = invoices === 0
            ? "No invoice awaits an ERP re-sync."
            : plural(invoices, "invoice", "invoices") + " of " + plural(customers, "customer", "customers") +
              " await an ERP re-sync: their figures may be an older ERP version's, so collectors do not chase them until the ERP re-sent them and the flag is cleared.";
        var link = creditOS.ErpResyncView.link(xrm, "Open the view Invoices needing ERP re-sync", status);
        var p = document.createElement("p");
        p.appendChild(link);
        tile.appendChild(p);
    }

    function start() {
        try {
            state.requests++;
            xrm().WebApi.retrieveMultipleRecords("cos_receivable", "?fetchXml=" + encodeURIComponent(FETCH)).then(function (result) {
                var row = result.entities[0] || {};
                render(Number(row.invoices || 0), Number(row.customers || 0));
                document.body.setAttribute("data-state", "ready");
            }, function (error) {
                var status = document.getElementById("status");
                status.className = "error";
                status.textContent = "The invoices needing an ERP re-sync could not be counted: " + (error && error.message ? error.message : String(error));
                document.body.setAttribute("data-state", "error");
            });
        } catch (error) {
            document.getElementById("status").textContent = error.message;
            document.body.setAttribute("data-state", "error");
        }
    }

    return { start: start, requestCount: function () { return state.requests; } };
}());
