using System.Globalization;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Fields = CreditOS.Dataverse.Model.CreditApplication.Fields;
using RequestFields = CreditOS.Dataverse.Model.CreditApprovalRequest.Fields;

namespace CreditOS.Dataverse.Applications;

/// <summary>
/// Finance's decision on an initial-limit request, carried back to the credit application it came from (called by
/// <see cref="Approvals.CreditDecisionApplier"/> in the decision's transaction): approved with the limit in force and its
/// review date, or declined (the customer stays on starter terms); Finance's question moves it to More information
/// needed and the sales rep's answer back to In assessment. One call, only for a request from an application.
/// </summary>
public static class CreditApplicationOutcome
{
    public static void Record(IOrganizationService service, Entity request, decimal? approvedLimit, DateTime decidedOn, string? comment)
    {
        if (request.GetAttributeValue<EntityReference>(RequestFields.CreditApplicationId) is not { } application)
        {
            return;
        }

        var review = request.GetAttributeValue<DateTime?>(RequestFields.LimitReviewOn);
        var note = string.IsNullOrWhiteSpace(comment) ? string.Empty : " Finance: " + comment!.Trim().TrimEnd('.') + ".";
        var update = new Entity(CreditApplication.EntityLogicalName, application.Id) { [Fields.DecidedOn] = decidedOn };
        if (approvedLimit is { } limit)
        {
            update[Fields.StatusCode] = new OptionSetValue((int)CreditApplicationStatus.Approved);
            update[Fields.ApprovedLimit] = new Money(limit);
            update[Fields.LimitReviewOn] = review;
            update[Fields.StatusMessage] = "Approved by Finance on " + Time(decidedOn) + ": initial limit " + limit.ToString("#,##0.00", CultureInfo.InvariantCulture)
                + (review is { } date ? ", in force until its review on " + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty) + "." + Terms(request) + note;
        }
        else
        {
            update[Fields.StatusCode] = new OptionSetValue((int)CreditApplicationStatus.Declined);
            update[Fields.StatusMessage] = "Declined by Finance on " + Time(decidedOn) + "; the customer stays on starter terms (prepayment)." + note;
        }

        service.Update(update);
    }

    /// <summary>
    /// Finance asked a question on the application's initial-limit request: the application needs more information,
    /// with Finance's question in its status message. One call, only for a request from an application.
    /// </summary>
    public static void AwaitInformation(IOrganizationService service, Entity request, string question, DateTime askedOn)
    {
        if (request.GetAttributeValue<EntityReference>(RequestFields.CreditApplicationId) is not { } application)
        {
            return;
        }

        service.Update(new Entity(CreditApplication.EntityLogicalName, application.Id)
        {
            [Fields.StatusCode] = new OptionSetValue((int)CreditApplicationStatus.MoreInformationNeeded),
            [Fields.StatusMessage] = "Finance asked on " + Time(askedOn) + ": " + question.Trim() + " Answer on the credit approval request (Answer Finance); the application goes back to Finance.",
        });
    }

    /// <summary>The sales rep answered Finance's question: the application is in assessment with Finance again. One call, only for a request from an application.</summary>
    public static void BackWithFinance(IOrganizationService service, Entity request, DateTime answeredOn)
    {
        if (request.GetAttributeValue<EntityReference>(RequestFields.CreditApplicationId) is not { } application)
        {
            return;
        }

        service.Update(new Entity(CreditApplication.EntityLogicalName, application.Id)
        {
            [Fields.StatusCode] = new OptionSetValue((int)CreditApplicationStatus.InAssessment),
            [Fields.StatusMessage] = "With Finance again since " + Time(answeredOn) + ": the sales rep answered Finance's question.",
        });
    }

    // What the approval did with the recommended terms: written to the account, or why not.
    private static string Terms(Entity request) => request.GetAttributeValue<int?>(RequestFields.RecommendedTermsDays) is not { } days
        ? string.Empty
        : RecommendedTerms.PaymentTermsCode(days) is null
            ? " The recommended terms, net " + days + ", have no Payment Terms choice on the account; set the customer's terms by hand."
            : " Payment terms net " + days + " set on the account.";

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
