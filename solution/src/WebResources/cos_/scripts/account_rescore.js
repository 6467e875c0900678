// Account form command "Rescore": calls the bound Custom API cos_RescoreAccount and refreshes the form.
// Registered in src/Entities/account/RibbonDiff.xml as creditOS.Account.Rescore.
var creditOS = creditOS || {};
creditOS.Account = creditOS.Account || {};

creditOS.Account.rescore = function (primaryControl) {
    "use strict";
    var formContext = primaryControl;
    var accountId = formContext.data.entity.getId().replace(/[{}]/g, "");
    var request = {
        entity: { entityType: "account", id: accountId },
        getMetadata: function () {
            return {
                boundParameter: "entity",
                parameterTypes: { entity: { typeName: "mscrm.account", structuralProperty: 5 } },
                operationType: 0,
                operationName: "cos_RescoreAccount"
            };
        }
    };
    Xrm.Utility.showProgressIndicator("Rescoring the customer...");
    return Xrm.WebApi.online.execute(request)
        .then(function (response) { return response.ok ? response.json() : Promise.reject(new Error(response.statusText)); })
        .then(function () { Xrm.Utility.closeProgressIndicator(); return formContext.data.refresh(false); })
        .catch(function (error) {
            Xrm.Utility.closeProgressIndicator();
            Xrm.Navigation.openErrorDialog({ message: "The customer could not be rescored: " + error.message });
        });
};
