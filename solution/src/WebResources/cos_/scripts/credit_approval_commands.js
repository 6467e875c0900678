// Credit approval request commands: Approve, Reject, Ask for more information (Finance) and Answer Finance (the sales
// rep), on the approval request form and its views. Every decision goes to the bound Custom API cos_DecideCreditApproval
// (the answer to cos_AnswerCreditApprovalQuestion), which checks the caller, the comment rules and a temporary limit's
// rules on the server; this script only asks for the comment (and, on Approve, an optional temporary limit with its
// review date) and shows the server's answer. Registered in
// src/Entities/cos_creditapprovalrequest/RibbonDiff.xml.
var creditOS = creditOS || {};
creditOS.ApprovalRequest = creditOS.ApprovalRequest || {};

(function (ns) {
    "use strict";

    var table = "cos_creditapprovalrequest";

    // The Edm types of the Custom APIs' non-string parameters (Money travels as Edm.Decimal, DateTime as Edm.DateTimeOffset).
    var parameterEdmTypes = { TemporaryLimit: "Edm.Decimal", TemporaryLimitExpiresOn: "Edm.DateTimeOffset" };

    // The bound Custom API request Xrm.WebApi.online.execute sends (parameter names as declared on the plugin class).
    ns.request = function (operationName, requestId, parameters) {
        var request = { entity: { entityType: table, id: requestId.replace(/[{}]/g, "") } };
        var parameterTypes = { entity: { typeName: "mscrm." + table, structuralProperty: 5 } };
        Object.keys(parameters).forEach(function (name) {
            request[name] = parameters[name];
            parameterTypes[name] = { typeName: parameterEdmTypes[name] || "Edm.String", structuralProperty: 1 };
        });
        request.getMetadata = function () {
            return { boundParameter: "entity", parameterTypes: parameterTypes, operationType: 0, operationName: operationName };
        };
        return request;
    };

    // What each command asks before calling the server (null: the person cancelled). Whether a comment is required is
    // the server's rule (rejections, questions, approvals above the route's amount); its refusal is shown as it comes.
    ns.askComment = function (decision) {
        var text = decision === "Approve" ? "Comment for the approval (required above the approval route's amount; leave empty if none):"
            : decision === "Reject" ? "Why is the order rejected? The sales rep is told."
            : "What should the sales rep tell you before you decide?";
        var answer = window.prompt(text, "");
        return answer === null ? null : answer;
    };

    // Approve only: an optional temporary limit for the customer and its review date (when it ends). Empty or cancelled:
    // a one-off approval. What is allowed (positive, review date in the future and within the approval route's
    // maximum) is the server's rule; its refusal is shown as it comes. Returns the parameters to add, or null when the
    // person cancelled at the review date.
    ns.askTemporaryLimit = function () {
        var amount = window.prompt("Temporary limit for the customer (amount; leave empty to approve this order as a one-off):", "");
        if (amount === null || amount.trim().length === 0) {
            return {};
        }
        var limit = Number(amount.replace(/[\s,]/g, ""));
        var reviewOn = window.prompt("Review date of the temporary limit of " + amount.trim() + " (YYYY-MM-DD; the limit ends that day):", "");
        if (reviewOn === null) {
            return null;
        }
        var day = reviewOn.trim();
        return { TemporaryLimit: isFinite(limit) ? limit : amount.trim(), TemporaryLimitExpiresOn: /^\d{4}-\d{2}-\d{2}$/.test(day) ? day + "T00:00:00Z" : day };
    };

    function execute(request, progress) {
        Xrm.Utility.showProgressIndicator(progress);
        return Xrm.WebApi.online.execute(request)
            .then(function (response) {
                Xrm.Utility.closeProgressIndicator();
                return response;
            }, function (error) {
                Xrm.Utility.closeProgressIndicator();
                return Promise.reject(error);
            });
    }

    function showRefusal(prefix, error) {
        return Xrm.Navigation.openErrorDialog({ message: prefix + (error && error.message ? error.message : String(error)) });
    }

    // Decides one request; resolves true when the server recorded the decision.
    ns.decideRequest = function (requestId, decision) {
        var comment = ns.askComment(decision);
        if (comment === null) {
            return Promise.resolve(false);
        }
        var parameters = { Decision: decision };
        if (comment.trim().length > 0) {
            parameters.Comment = comment.trim();
        }
        if (decision === "Approve") {
            var terms = ns.askTemporaryLimit();
            if (terms === null) {
                return Promise.resolve(false);
            }
            Object.keys(terms).forEach(function (name) { parameters[name] = terms[name]; });
        }
        return execute(ns.request("cos_DecideCreditApproval", requestId, parameters), "Recording the decision...")
            .then(function () { return true; })
            .catch(function (error) {
                return showRefusal("The decision was not recorded: ", error).then(function () { return false; });
            });
    };

    function fromForm(primaryControl, decision) {
        var formContext = primaryControl;
        return ns.decideRequest(formContext.data.entity.getId(), decision).then(function (decided) {
            return decided ? formContext.data.refresh(false) : undefined;
        });
    }

    // Views: every selected request in turn (the server refuses one already decided, and says why).
    function fromGrid(selectedIds, gridControl, decision) {
        var ids = selectedIds || [];
        return ids.reduce(function (previous, id) {
            return previous.then(function () { return ns.decideRequest(id, decision); });
        }, Promise.resolve()).then(function () {
            return gridControl && gridControl.refresh ? gridControl.refresh() : undefined;
        });
    }

    ns.approve = function (primaryControl) { return fromForm(primaryControl, "Approve"); };
    ns.reject = function (primaryControl) { return fromForm(primaryControl, "Reject"); };
    ns.askForInformation = function (primaryControl) { return fromForm(primaryControl, "AskForInformation"); };
    ns.approveSelected = function (selectedIds, gridControl) { return fromGrid(selectedIds, gridControl, "Approve"); };
    ns.rejectSelected = function (selectedIds, gridControl) { return fromGrid(selectedIds, gridControl, "Reject"); };
    ns.askForInformationSelected = function (selectedIds, gridControl) { return fromGrid(selectedIds, gridControl, "AskForInformation"); };

    // The sales rep answers Finance's question; the request goes back to Finance.
    ns.answer = function (primaryControl) {
        var formContext = primaryControl;
        var answer = window.prompt("Your answer to Finance:", "");
        if (answer === null) {
            return Promise.resolve();
        }
        return execute(ns.request("cos_AnswerCreditApprovalQuestion", formContext.data.entity.getId(), { Answer: answer }), "Sending your answer...")
            .then(function () { return formContext.data.refresh(false); })
            .catch(function (error) { return showRefusal("The answer was not sent: ", error); });
    };
}(creditOS.ApprovalRequest));
