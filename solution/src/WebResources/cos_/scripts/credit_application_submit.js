// Credit application form command "Submit for credit assessment": saves the form, then calls the bound Custom API
// cos_SubmitCreditApplication (enabled by isNotWithFinance below and the status rules). The server checks that the caller entered (or owns) the application, that it is a draft
// or needs more information, and names every missing figure; the worker then looks the company up at the bureau.
// Registered in src/Entities/cos_creditapplication/RibbonDiff.xml.
var creditOS = creditOS || {};
creditOS.CreditApplication = creditOS.CreditApplication || {};

// Enable rule (CustomRule) of "Submit for credit assessment": false once Finance has the application's initial-limit
// request (cos_approvalrequestid set), More information needed included, since the server then refuses to submit it
// again (CreditApplicationStatuses.IsEditable); the rep answers Finance's question on the request instead. The column
// is on the form (Assessment tab, read-only); without it the rule cannot decide and says so.
creditOS.CreditApplication.isNotWithFinance = function (primaryControl) {
    "use strict";
    var request = primaryControl.getAttribute("cos_approvalrequestid");
    if (request === null) {
        throw new Error("The credit application form has no cos_approvalrequestid column, which the Submit command's enable rule reads.");
    }
    return request.getValue() === null;
};

creditOS.CreditApplication.submit = function (primaryControl) {
    "use strict";
    var formContext = primaryControl;
    var request = {
        entity: { entityType: "cos_creditapplication", id: formContext.data.entity.getId().replace(/[{}]/g, "") },
        getMetadata: function () {
            return {
                boundParameter: "entity",
                parameterTypes: {
                    entity: { typeName: "mscrm.cos_creditapplication", structuralProperty: 5 }
                },
                operationType: 0,
                operationName: "cos_SubmitCreditApplication"
            };
        }
    };
    Xrm.Utility.showProgressIndicator("Submitting the application for credit assessment...");
    return formContext.data.save()
        .then(function () { return Xrm.WebApi.online.execute(request); })
        .then(function () { Xrm.Utility.closeProgressIndicator(); return formContext.data.refresh(false); })
        .catch(function (error) {
            Xrm.Utility.closeProgressIndicator();
            return Xrm.Navigation.openErrorDialog({ message: "The application was not submitted: " + (error && error.message ? error.message : String(error)) });
        });
};
