// Credit application main form, OnLoad (registered in src/Entities/cos_creditapplication/FormXml/main): locks what the
// application says once it may no longer change, so the sales rep is not left to type and be refused on save. The rule
// is the server's (CreditApplicationStatuses.IsEditable, enforced by CreditApplicationGuard whatever the client): the
// applicant's columns change only on a draft, or when the bureau lookup or the assessment sent the application back
// (More information needed) and Finance does not have its initial-limit request yet (cos_approvalrequestid empty). With
// Finance, More information needed included, the rep answers Finance's question on the request instead (controls round 20).
// The form only mirrors the rule; the guard decides.
var creditOS = creditOS || {};
creditOS.CreditApplication = creditOS.CreditApplication || {};

creditOS.CreditApplication.Status = { Draft: 1, MoreInformationNeeded: 412500002 };

// Whether the applicant's columns may change: the client-side copy of CreditApplicationStatuses.IsEditable.
creditOS.CreditApplication.isEditable = function (status, withFinance) {
    "use strict";
    var statuses = creditOS.CreditApplication.Status;
    return status === statuses.Draft || (status === statuses.MoreInformationNeeded && !withFinance);
};

creditOS.CreditApplication.onLoad = function (executionContext) {
    "use strict";
    var formContext = executionContext.getFormContext();
    creditOS.CreditApplication.lockIfNotEditable(formContext);
    // The form's OnLoad runs once; the Submit command (and any refresh) reloads the data without it. The data OnLoad event
    // runs on every reload, so an application submitted from this form is locked as soon as its new status is shown.
    formContext.data.addOnLoad(function (dataLoadContext) {
        creditOS.CreditApplication.lockIfNotEditable(dataLoadContext.getFormContext());
    });
};

creditOS.CreditApplication.lockIfNotEditable = function (formContext) {
    "use strict";
    var status = formContext.getAttribute("statuscode");
    var request = formContext.getAttribute("cos_approvalrequestid");
    if (status === null || request === null) {
        throw new Error("The credit application form needs statuscode and cos_approvalrequestid on it to decide whether the application may still change.");
    }
    var withFinance = request.getValue() !== null;
    if (creditOS.CreditApplication.isEditable(status.getValue(), withFinance)) {
        return;
    }
    // Every column's controls: the applicant's columns, and the credit flow's, which the form already shows read-only.
    formContext.data.entity.attributes.forEach(function (attribute) {
        attribute.controls.forEach(function (control) { control.setDisabled(true); });
    });
    formContext.ui.setFormNotification(
        withFinance
            ? "Finance has this application's initial-limit request, so what it says cannot change: the bureau looked up and the assessment compared what was submitted. Answer Finance's question on the request (Answer Finance) and give any correction there."
            : "This application was submitted, so what it says cannot change: what was submitted is what is assessed. It can be changed again if the bureau lookup or the assessment asks for more information.",
        "INFO",
        "creditOS.CreditApplication.locked");
};
