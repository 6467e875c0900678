// Receivable main form, OnLoad (registered in src/Entities/cos_receivable/FormXml/main): an invoice flagged "ERP re-sync
// needed" says so at the top of the form, with the finding's figures, so nobody reads its amounts as certain. The flag is
// the server's: set by the receivable amendment when the invoice's ERP messages were applied out of order, cleared only by
// Clear ERP re-sync (cos_ClearErpResync) once the ERP re-sent the invoice (ErpResyncFlagGuard, ErpResyncClearance). The
// form's columns are all read-only: the ERP's worker writes invoices, nobody else.
var creditOS = creditOS || {};
creditOS.Receivable = creditOS.Receivable || {};

creditOS.Receivable.ResyncNotificationId = "creditOS.Receivable.erpResync";

creditOS.Receivable.onLoad = function (executionContext) {
    "use strict";
    var formContext = executionContext.getFormContext();
    creditOS.Receivable.showResync(formContext);
    // The data OnLoad runs on every reload (after Clear ERP re-sync refreshes the form), so the notice follows the flag.
    formContext.data.addOnLoad(function (dataLoadContext) {
        creditOS.Receivable.showResync(dataLoadContext.getFormContext());
    });
};

creditOS.Receivable.showResync = function (formContext) {
    "use strict";
    var flag = formContext.getAttribute("cos_erpresyncreason");
    if (flag === null) {
        throw new Error("The receivable form needs cos_erpresyncreason on it to show whether the invoice needs an ERP re-sync.");
    }
    var finding = flag.getValue();
    if (finding === null || finding === "") {
        formContext.ui.clearFormNotification(creditOS.Receivable.ResyncNotificationId);
        return;
    }
    formContext.ui.setFormNotification(
        "ERP re-sync needed: this invoice's figures may be an older ERP version's. " + finding,
        "WARNING",
        creditOS.Receivable.ResyncNotificationId);
};

// Enable rule (CustomRule) of "Clear ERP re-sync" (src/Entities/cos_receivable/RibbonDiff.xml): only a flagged invoice.
creditOS.Receivable.needsErpResync = function (primaryControl) {
    "use strict";
    var flag = primaryControl.getAttribute("cos_erpresyncreason");
    if (flag === null) {
        throw new Error("The receivable form has no cos_erpresyncreason column, which the Clear ERP re-sync command's enable rule reads.");
    }
    var finding = flag.getValue();
    return finding !== null && finding !== "";
};

// "Clear ERP re-sync": calls the bound Custom API cos_ClearErpResync, which refuses anyone but a credit manager or collector
// and an invoice the ERP has not re-sent since the flag (its message is shown as the server states it), then reloads the
// form's data so the notice follows the flag.
creditOS.Receivable.clearErpResync = function (primaryControl) {
    "use strict";
    var formContext = primaryControl;
    var request = {
        entity: { entityType: "cos_receivable", id: formContext.data.entity.getId().replace(/[{}]/g, "") },
        getMetadata: function () {
            return {
                boundParameter: "entity",
                parameterTypes: {
                    entity: { typeName: "mscrm.cos_receivable", structuralProperty: 5 }
                },
                operationType: 0,
                operationName: "cos_ClearErpResync"
            };
        }
    };
    Xrm.Utility.showProgressIndicator("Clearing the ERP re-sync flag...");
    return Xrm.WebApi.online.execute(request)
        .then(function () { Xrm.Utility.closeProgressIndicator(); return formContext.data.refresh(false); })
        .catch(function (error) {
            Xrm.Utility.closeProgressIndicator();
            return Xrm.Navigation.openErrorDialog({ message: "The ERP re-sync flag was not cleared: " + (error && error.message ? error.message : String(error)) });
        });
};
