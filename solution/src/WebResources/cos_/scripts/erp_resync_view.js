// creditOS: the link to the view "Invoices needing ERP re-sync", one home for the pages that offer it (session 35): the
// collector's worklist (cos_/collections/worklist.html) and the Credit management dashboard's tile
// (cos_/credit/erp_resync.html) load this script before their own. It opens the view with Xrm.Navigation.navigateTo in the
// app's main area; when the view opened the page's body carries data-navigated="erp-resync-view", and a refusal is written
// to the page's status line as the platform states it.
var creditOS = creditOS || {};

creditOS.ErpResyncView = (function () {
    "use strict";

    // The view "Invoices needing ERP re-sync" (solution/src/Entities/cos_receivable/SavedQueries).
    var VIEW_ID = "08d36858-0562-4ef4-a283-d8c490e02fe4";

    function open(xrm, status) {
        return xrm.Navigation.navigateTo({ pageType: "entitylist", entityName: "cos_receivable", viewId: VIEW_ID, viewType: "savedquery" }, { target: 1 }).then(function () {
            document.body.setAttribute("data-navigated", "erp-resync-view");
        }, function (error) {
            status.textContent = "The view could not be opened: " + (error && error.message ? error.message : String(error));
        });
    }

    // A link (id erp-resync-view) that opens the view; xrm is a function answering the Client API when the link is used.
    function link(xrm, text, status, accessibleName) {
        var anchor = document.createElement("a");
        anchor.href = "#";
        anchor.id = "erp-resync-view";
        anchor.textContent = text;
        if (accessibleName) {
            anchor.setAttribute("aria-label", accessibleName);
        }
        anchor.addEventListener("click", function (event) {
            event.preventDefault();
            open(xrm(), status);
        });
        return anchor;
    }

    return { viewId: VIEW_ID, link: link };
}());
