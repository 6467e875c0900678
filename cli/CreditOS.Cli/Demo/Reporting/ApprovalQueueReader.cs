using CreditOS.CreditEngine.Portfolio;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Cli.Demo.Reporting;

/// <summary>Finance's queue in the demo's Dataverse: every credit approval request, waiting (pending or escalated) or decided; the engine does the arithmetic.</summary>
internal static class ApprovalQueueReader
{
    public static ApprovalQueueKpis Read(IOrganizationService service, DateTime now)
    {
        var query = Scoring.PagedReader.Query(CreditApprovalRequest.EntityLogicalName, CreditApprovalRequest.Fields.RequestedOn, CreditApprovalRequest.Fields.DecidedOn, CreditApprovalRequest.Fields.ApprovalStatus, CreditApprovalRequest.Fields.CreatedOn);
        var requests = Scoring.PagedReader.All(service, query).Select(row =>
        {
            var status = row.GetAttributeValue<OptionSetValue>(CreditApprovalRequest.Fields.ApprovalStatus)?.Value;
            var waiting = status is (int)CreditApprovalStatus.Pending or (int)CreditApprovalStatus.Escalated;
            var requestedOn = row.GetAttributeValue<DateTime?>(CreditApprovalRequest.Fields.RequestedOn) ?? row.GetAttributeValue<DateTime>(CreditApprovalRequest.Fields.CreatedOn);
            return new ApprovalRecord(requestedOn, waiting ? null : row.GetAttributeValue<DateTime?>(CreditApprovalRequest.Fields.DecidedOn) ?? requestedOn);
        });
        return ApprovalQueueCalculator.Calculate(requests.ToList(), now);
    }
}
