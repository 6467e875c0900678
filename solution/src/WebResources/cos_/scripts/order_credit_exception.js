// Order form command "Ask Finance for an exception" on an order the credit check refused: calls the bound Custom API
// cos_RequestCreditException with the sales rep's reason; the order is held and routed to Finance. The server checks
// that the order is refused and that the caller is its rep. Registered in src/Entities/salesorder/RibbonDiff.xml.
var creditOS = creditOS || {};
creditOS.Order = creditOS.Order || {};

creditOS.Order.requestCreditException = function (primaryControl) {
    "use strict";
    var formContext = primaryControl;
    var reason = window.prompt("Why should Finance let this order through although the credit check refused it?", "");
    if (reason === null) {
        return Promise.resolve();
    }
    var request = {
        entity: { entityType: "salesorder", id: formContext.data.entity.getId().replace(/[{}]/g, "") },
        Reason: reason,
        getMetadata: function () {
            return {
                boundParameter: "entity",
                parameterTypes: {
                    entity: { typeName: "mscrm.salesorder", structuralProperty: 5 },
                    Reason: { typeName: "Edm.String", structuralProperty: 1 }
                },
                operationType: 0,
                operationName: "cos_RequestCreditException"
            };
        }
    };
    Xrm.Utility.showProgressIndicator("Sending the order to Finance...");
    return Xrm.WebApi.online.execute(request)
        .then(function () { Xrm.Utility.closeProgressIndicator(); return formContext.data.refresh(false); })
        .catch(function (error) {
            Xrm.Utility.closeProgressIndicator();
            return Xrm.Navigation.openErrorDialog({ message: "The order was not sent to Finance: " + (error && error.message ? error.message : String(error)) });
        });
};
