using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Bureau;

/// <summary>
/// Keeps on the report what an analyst compares the bureau with: our limit and open receivables when the report
/// arrived (before it was applied: rescoring may cap the limit at the recommended credit), and whether the bureau
/// recommends less than that limit. The views "Recommended credit below our limit" and "Recommended credit,
/// receivables and limit" show these. 2 calls: the account before rescoring, the report after.
/// Controls round 21 (session 28): the same write gives the report to the account's owner (user or team), so the Sales Rep
/// role reads reports at Basic depth: a rep reads the reports of the customers he (or his team) owns, and never a report
/// the worker filed on no account (an applicant whose identity the bureau did not confirm), which stays the worker's.
/// Reassigning the account takes its reports along (the relationship cascades Assign).
/// </summary>
public static class BureauComparison
{
    public const int Calls = 2;

    public static OurFigures ReadAccount(IOrganizationService service, Guid accountId)
    {
        var account = service.Retrieve(Account.EntityLogicalName, accountId, new ColumnSet(Account.Fields.CreditLimit, Account.Fields.OpenReceivables, Account.Fields.Name, Account.Fields.OwnerId));
        return new OurFigures(account.GetAttributeValue<Money>(Account.Fields.CreditLimit)?.Value ?? 0m, account.GetAttributeValue<Money>(Account.Fields.OpenReceivables)?.Value ?? 0m)
        {
            Name = account.GetAttributeValue<string>(Account.Fields.Name),
            Owner = account.GetAttributeValue<EntityReference>(Account.Fields.OwnerId),
        };
    }

    public static void Record(IOrganizationService service, Entity report, Guid reportId, OurFigures ours)
    {
        var recommended = report.GetAttributeValue<Money>(BureauReport.Fields.RecommendedCredit)?.Value;
        var update = new Entity(BureauReport.EntityLogicalName, reportId)
        {
            [BureauReport.Fields.OurLimit] = new Money(ours.Limit),
            [BureauReport.Fields.OurReceivables] = new Money(ours.Receivables),
            [BureauReport.Fields.BelowOurLimit] = recommended is { } value && value < ours.Limit,
        };
        if (ours.Owner is { } owner)
        {
            // Update of ownerid assigns the row (Dataverse carries Assign out as this update).
            update[BureauReport.Fields.OwnerId] = new EntityReference(owner.LogicalName, owner.Id);
        }

        service.Update(update);
    }
}

/// <summary>Our limit and open receivables when a bureau report arrived.</summary>
public sealed class OurFigures(decimal limit, decimal receivables)
{
    public decimal Limit { get; } = limit;

    public decimal Receivables { get; } = receivables;

    /// <summary>The account's name, for the alerts the report raises.</summary>
    public string? Name { get; init; }

    /// <summary>The account's owner, who is given the report (controls round 21).</summary>
    public EntityReference? Owner { get; init; }
}
