// Account form and account views command "Monitor with bureau": calls the unbound Custom API
// cos_QueueBureauMonitoring with the account (form) or the selected accounts (view); the worker's daily job then adds
// them to the bureau portfolio. Registered in src/Entities/account/RibbonDiff.xml as creditOS.Account.MonitorWithBureau
// and creditOS.Account.MonitorSelectedWithBureau.
var creditOS = creditOS || {};
creditOS.Account = creditOS.Account || {};

creditOS.Account.queueBureauMonitoring = function (accountIds) {
    "use strict";
    var request = {
        AccountIds: accountIds,
        getMetadata: function () {
            return {
                boundParameter: null,
                parameterTypes: { AccountIds: { typeName: "Collection(Edm.String)", structuralProperty: 4 } },
                operationType: 0,
                operationName: "cos_QueueBureauMonitoring"
            };
        }
    };
    Xrm.Utility.showProgressIndicator("Queuing for bureau monitoring...");
    return Xrm.WebApi.online.execute(request)
        .then(function (response) { return response.ok ? response.json() : Promise.reject(new Error(response.statusText)); })
        .then(function (result) {
            Xrm.Utility.closeProgressIndicator();
            return Xrm.Navigation.openAlertDialog({ text: result.Queued + " account(s) queued; the bureau is consulted by tonight's monitoring run." });
        })
        .catch(function (error) {
            Xrm.Utility.closeProgressIndicator();
            Xrm.Navigation.openErrorDialog({ message: "Nothing was queued for bureau monitoring: " + error.message });
        });
};

creditOS.Account.monitorWithBureau = function (primaryControl) {
    "use strict";
    var formContext = primaryControl;
    return creditOS.Account.queueBureauMonitoring([formContext.data.entity.getId().replace(/[{}]/g, "")])
        .then(function () { return formContext.data.refresh(false); });
};

creditOS.Account.monitorSelectedWithBureau = function (selectedIds, gridControl) {
    "use strict";
    var ids = (selectedIds || []).map(function (id) { return id.replace(/[{}]/g, ""); });
    return creditOS.Account.queueBureauMonitoring(ids)
        .then(function () { if (gridControl) { gridControl.refresh(); } });
};
