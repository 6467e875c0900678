using CreditOS.Dataverse.Applications;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using RequestFields = CreditOS.Dataverse.Model.CreditApprovalRequest.Fields;

namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// The sales rep's answer to Finance's question ("Ask for more information"): only while the request waits for it, only
/// by the person asked (the order's owner or whoever entered it; for a limit request, whoever raised it), and never
/// empty. The answer is recorded as SYSTEM, with the request handed back to Finance (Information provided), so the rep
/// needs no write access to approval requests. A request from a credit application takes the application back to In
/// assessment (Finance's question had moved it to More information needed; <see cref="CreditApplicationOutcome"/>).
/// </summary>
public static class CreditApprovalQuestion
{
    public static void Answer(IOrganizationService system, Guid callerId, EntityReference requestReference, string? answer, DateTime now)
    {
        var request = ApprovalRequestStore.Retrieve(system, requestReference);
        var name = request.GetAttributeValue<string>(RequestFields.Name) ?? request.Id.ToString();
        if (request.GetAttributeValue<OptionSetValue>(RequestFields.ApprovalStatus)?.Value != (int)CreditApprovalStatus.MoreInformationRequested
            || request.GetAttributeValue<OptionSetValue>(RequestFields.StateCode)?.Value == (int)CreditApprovalRequestState.Inactive)
        {
            throw new InvalidPluginExecutionException($"Credit approval request '{name}' is not waiting for an answer: Finance has asked no question on it.");
        }

        var text = answer?.Trim();
        if (text is null || text.Length == 0)
        {
            throw new InvalidPluginExecutionException($"Answering Finance on credit approval request '{name}' needs the answer.");
        }

        if (!AskedPeople(system, request).Contains(callerId))
        {
            throw new InvalidPluginExecutionException(
                $"Finance asked the sales rep of credit approval request '{name}' (the order's owner or whoever entered it); only they answer.");
        }

        system.Update(new Entity(CreditApprovalRequest.EntityLogicalName, request.Id)
        {
            [RequestFields.InformationResponse] = text,
            [RequestFields.ApprovalStatus] = new OptionSetValue((int)CreditApprovalStatus.InformationProvided),
        });
        CreditApplicationOutcome.BackWithFinance(system, request, now);
    }

    private static HashSet<Guid> AskedPeople(IOrganizationService system, Entity request)
    {
        var people = new HashSet<Guid>();
        if (request.GetAttributeValue<EntityReference>(RequestFields.RequestedBy) is { } raiser)
        {
            people.Add(raiser.Id);
        }

        if (request.GetAttributeValue<EntityReference>(RequestFields.SalesOrderId) is { } order)
        {
            var row = system.Retrieve(SalesOrder.EntityLogicalName, order.Id, new ColumnSet(SalesOrder.Fields.OwnerId, SalesOrder.Fields.CreatedBy));
            foreach (var column in new[] { SalesOrder.Fields.OwnerId, SalesOrder.Fields.CreatedBy })
            {
                if (row.GetAttributeValue<EntityReference>(column) is { } person)
                {
                    people.Add(person.Id);
                }
            }
        }

        return people;
    }
}
