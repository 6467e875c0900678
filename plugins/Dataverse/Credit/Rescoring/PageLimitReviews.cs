using CreditOS.CreditEngine.Limits;
using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Credit.Accounts;
using CreditOS.Dataverse.Credit.Configuration;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Rescoring;

/// <summary>
/// The limit reviews a page rescoring raises, routed with what the page already knows (session 18). Through the router
/// each review cost 6 calls: the account, the approval settings, the open requests, the route, the request and its
/// queue item. On the page the account is the row the page read with the page's own write merged (what the router's
/// read would return inside the same transaction: name, limit, exposure, currency, customer group), the open reviews are
/// the page's one query (<see cref="ApprovalRequestStore.AccountsWithOpen"/>), the settings come with the page's read of the
/// configuration's version stamp (session 31; they were a query of their own) and the active routes are read when the page's first
/// review is raised (<see cref="PageCalls"/>) and, since session 32, kept under the version stamp the page read (every change of
/// an approval route moves the stamp, <c>ConfigurationVersionPlugin</c>), so a night reads them once per process and stamp, not once
/// a page. Each review then costs its
/// request and queue item (<see cref="CallsPerReview"/>), built by the router's own
/// <see cref="CreditLimitRequestRouter.OpenRequest"/> and route choice (<see cref="ApprovalRoute.Choose"/>), so the
/// request Finance sees is the same on both paths (<c>PageLimitReviewTests</c>).
/// </summary>
/// <param name="variables">The environment variables the page read with its version stamp, the approval settings' among them.</param>
/// <param name="organizationId">The organization whose routes the page may take from those kept under the stamp.</param>
public sealed class PageLimitReviews(IOrganizationService service, IReadOnlyDictionary<string, string> variables, Guid organizationId)
{
    /// <summary>
    /// Reads for a page that raises at least one review: the active routes (session 31: the approval settings came with the stamp);
    /// none when the routes are kept under the stamp in force (session 32).
    /// </summary>
    public const int PageCalls = 1;

    /// <summary>The active routes per organization and version stamp (session 32): read again from the moment a route change commits.</summary>
    private static readonly StampedCache<IReadOnlyList<Entity>> KeptRoutes = new();

    /// <summary>Calls per review raised: the request and its queue item.</summary>
    public const int CallsPerReview = 2;

    private ApprovalSettings? _settings;
    private IReadOnlyList<Entity>? _routes;

    /// <summary>Sends the review to Finance for the account as this page read it, with the columns the page wrote over it.</summary>
    internal EntityReference Raise(AccountCreditRecord account, Entity written, LimitRecommendation review, DateTime now) =>
        ApprovalRequestStore.Open(service, Request(account, written, review, now));

    /// <summary>
    /// The request <see cref="Raise"/> opens, with the queue its route names, built from the account as this page read it and the
    /// columns written over it; no call beyond the page's settings and routes. Session 30: the two-call night's scoring call seals it
    /// with the account's picture (<see cref="Sealing.SealedPageRows"/>) instead of opening it here.
    /// </summary>
    internal Entity Request(AccountCreditRecord account, Entity written, LimitRecommendation review, DateTime now)
    {
        var row = new Entity(Account.EntityLogicalName, account.Id);
        foreach (var column in account.Row.Attributes)
        {
            row[column.Key] = column.Value;
        }

        foreach (var column in written.Attributes)
        {
            row[column.Key] = column.Value;
        }

        _settings ??= ApprovalSettings.From(variables);
        _routes ??= KeptRoutes.Read(organizationId, ConfigurationVersion.StampOf(variables), () => ApprovalRoute.ReadActive(service), out _);
        var route = ApprovalRoute.Choose(_routes, row.GetAttributeValue<OptionSetValue>(Account.Fields.CustomerGroup), _settings);
        var current = row.GetAttributeValue<Money>(Account.Fields.CreditLimit)?.Value ?? 0m;
        var request = CreditLimitRequestRouter.RequestRow(RescoredLimit.RequestOf(account.Id, review), row, current, route, now);
        // A copy: the route's reference belongs to the kept rows, which every page of the process shares.
        request[CreditApprovalRequest.Fields.QueueId] = new EntityReference(route.Queue.LogicalName, route.Queue.Id);
        return request;
    }
}
