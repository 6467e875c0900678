using System.Globalization;
using System.Text.Json.Nodes;
using CreditOS.Bureau;
using CreditOS.CreditEngine.Applications;
using CreditOS.Integration.Worker.Dataverse;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CreditOS.Integration.Worker.Bureau;
using Schema = CreditOS.Integration.Worker.Applications.CreditApplicationSchema;

namespace CreditOS.Integration.Worker.Applications;

/// <summary>
/// The worker's step of the credit application flow, one pass: it reads the submitted applications waiting for the
/// bureau (Submitted, or In assessment after the bureau was unavailable, once their next attempt is due), finds each
/// company at the bureau by registration number and country, stores the report (cos_bureaureport, upserted by the
/// bureau's report id, on the applicant's account) and hands it to cos_AssessCreditApplication, which assesses the
/// application and raises Finance's initial-limit request in one transaction. Without a report it hands over why:
/// the company is unknown or ambiguous (More information needed), or the bureau is unavailable, throttling, refusing
/// or answering malformed reports (the application waits In assessment and is retried after the bureau's Retry-After).
/// The bureau is called here, never from a plug-in on the critical path.
/// </summary>
public sealed partial class CreditApplicationBureauStep(
    IBureauClient bureau, DataverseWebApiClient dataverse, RecommendedCreditConversion currencies, IOptions<CreditApplicationOptions> options, TimeProvider clock, ILogger<CreditApplicationBureauStep> logger)
{
    private static readonly string Query =
        Schema.EntitySet + "?$select=" + Schema.Id + "," + Schema.Name + "," + Schema.RegistrationNumber + "," + Schema.VatNumber + "," + Schema.Country + ","
        + Schema.AccountValue + "," + Schema.NextBureauAttemptOn
        + "&$expand=" + Schema.AccountNavigation + "($select=" + Schema.AccountName + ")"
        + "&$filter=(" + Schema.StatusCode + " eq 412500000 or " + Schema.StatusCode + " eq 412500001) and " + Schema.ApprovalRequestValue + " eq null"
        + "&$orderby=" + Schema.Id;

    public async Task<CreditApplicationPass> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var pass = new CreditApplicationPass();
        await foreach (var page in dataverse.GetPagesAsync(Query, options.Value.PageSize, cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page.Where(row => Due(row, now)))
            {
                await HandleAsync(row, pass, cancellationToken).ConfigureAwait(false);
            }
        }

        LogPass(pass.Assessed, pass.NotFound, pass.Waiting, pass.Failed);
        return pass;
    }

    private static bool Due(JsonObject row, DateTime now) =>
        row[Schema.NextBureauAttemptOn]?.GetValue<string>() is not { } next
        || DateTimeOffset.Parse(next, CultureInfo.InvariantCulture).UtcDateTime <= now;

    private async Task HandleAsync(JsonObject row, CreditApplicationPass pass, CancellationToken cancellationToken)
    {
        var id = row[Schema.Id]!.GetValue<Guid>();
        var account = row[Schema.AccountValue]?.GetValue<Guid>();
        var criteria = new CompanySearchCriteria(
            row[Schema.Country]?.GetValue<string>() ?? string.Empty,
            row[Schema.RegistrationNumber]?.GetValue<string>());
        JsonObject outcome;
        if (account is not { } accountId || criteria.Problem() is not null)
        {
            outcome = Problem(Schema.CompanyNotFound, criteria.Problem() ?? "the application names no customer account");
        }
        else
        {
            // Controls round 17 (session 24): the names the sales rep gave the applicant, which the bureau's registered name must confirm.
            string?[] applicant = [row[Schema.Name]?.GetValue<string>(), (row[Schema.AccountNavigation] as JsonObject)?[Schema.AccountName]?.GetValue<string>()];
            outcome = await LookUpAsync(id, criteria, accountId, applicant, cancellationToken).ConfigureAwait(false);
        }

        var kind = outcome[Schema.BureauProblem]?.GetValue<string>();
        var results = await dataverse.ExecuteBatchAsync([BatchOperation.BoundAction(Schema.EntitySet, id, Schema.AssessAction, outcome)], cancellationToken).ConfigureAwait(false);
        if (!results[0].Succeeded)
        {
            pass.Failed++;
            LogNotRecorded(id, results[0].StatusCode, results[0].ErrorMessage);
            return;
        }

        switch (kind)
        {
            case null:
                pass.Assessed++;
                LogAssessed(id, outcome[Schema.BureauCompanyId]?.GetValue<string>());
                break;
            case Schema.CompanyNotFound:
                pass.NotFound++;
                LogNotFound(id, outcome[Schema.Detail]?.GetValue<string>());
                break;
            default:
                pass.Waiting++;
                LogWaiting(id, outcome[Schema.Detail]?.GetValue<string>());
                break;
        }
    }

    /// <summary>The report to hand over, or the problem: every bureau failure becomes a status the application shows.</summary>
    private async Task<JsonObject> LookUpAsync(Guid application, CompanySearchCriteria criteria, Guid accountId, string?[] applicant, CancellationToken cancellationToken)
    {
        BureauCompany company;
        BureauCreditReport report;
        try
        {
            company = await bureau.FindCompanyAsync(criteria, cancellationToken).ConfigureAwait(false);
            report = await bureau.GetCreditReportAsync(company.ConnectId, cancellationToken).ConfigureAwait(false);
        }
        catch (BureauException failure) when (failure.Failure is BureauFailure.CompanyNotFound or BureauFailure.AmbiguousCompany)
        {
            return Problem(Schema.CompanyNotFound, failure.Failure == BureauFailure.AmbiguousCompany
                ? "several companies match " + criteria + "; the registration number must identify one"
                : "no company matches " + criteria);
        }
        catch (BureauException failure)
        {
            // Throttled, unavailable, malformed, refused or authentication: nothing is written but the wait and its reason.
            return Problem(Schema.BureauUnavailable, Describe(failure), failure.RetryAfter);
        }

        AccountCurrencyAmount recommended;
        try
        {
            recommended = await currencies.ToAccountCurrencyAsync(accountId, report.RecommendedCredit, report.Currency, cancellationToken).ConfigureAwait(false);
        }
        catch (RecommendedCreditNotConvertibleException notConvertible)
        {
            // Waits with the reason (retried on a later pass) instead of storing a figure in the wrong currency.
            return Problem(Schema.BureauUnavailable, "the bureau's report on " + company.ConnectId + " could not be stored: " + notConvertible.Message);
        }

        // Controls round 17 (session 24): a report whose registered name does not confirm the applicant (engine BureauIdentity,
        // the rule's one home; the report step refuses it on the account) is filed on no account, so it feeds no customer's
        // Risk score; the assessment hands it to Finance flagged.
        var confirmed = BureauIdentity.Confirms(applicant, report.CompanyName);
        if (!confirmed)
        {
            LogIdentityNotConfirmed(application, company.ConnectId);
        }

        var stored = await dataverse.ExecuteBatchAsync([BureauReportRow.Upsert(bureau.BureauName, report, confirmed ? accountId : null, recommended)], cancellationToken).ConfigureAwait(false);
        if (!stored[0].Succeeded || stored[0].Body?[BureauReportRow.IdColumn]?.GetValue<Guid>() is not { } reportId)
        {
            LogReportNotStored(application, stored[0].StatusCode, stored[0].ErrorMessage);
            return Problem(Schema.BureauUnavailable, $"the bureau's report could not be stored ({stored[0].StatusCode}: {stored[0].ErrorMessage})");
        }

        return new JsonObject
        {
            [Schema.BureauReportId] = reportId.ToString("D"),
            [Schema.BureauCompanyId] = company.ConnectId,
        };
    }

    private static JsonObject Problem(string problem, string detail, TimeSpan? retryAfter = null)
    {
        var outcome = new JsonObject { [Schema.BureauProblem] = problem, [Schema.Detail] = detail };
        if (retryAfter is { } wait && wait > TimeSpan.Zero)
        {
            outcome[Schema.RetryAfterSeconds] = (int)Math.Ceiling(wait.TotalSeconds);
        }

        return outcome;
    }

    private static string Describe(BureauException failure) => failure.Failure switch
    {
        BureauFailure.Throttled => "the bureau is throttling requests" + (failure.StatusCode is { } code ? " (" + (int)code + ")" : string.Empty),
        BureauFailure.Unavailable => "the bureau is unavailable" + (failure.StatusCode is { } code ? " (" + (int)code + ")" : string.Empty),
        BureauFailure.MalformedResponse => "the bureau's report was malformed: " + failure.Message,
        BureauFailure.AuthenticationFailed => "the bureau refused the worker's credentials; an administrator must check the Bureau settings",
        _ => "the bureau refused the request: " + failure.Message,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Credit application {ApplicationId}: bureau report of {ConnectId} stored and handed to the assessment")]
    private partial void LogAssessed(Guid applicationId, string? connectId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Credit application {ApplicationId}: company not found at the bureau ({Detail}); more information needed")]
    private partial void LogNotFound(Guid applicationId, string? detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Credit application {ApplicationId}: waiting for the bureau ({Detail}); retried later")]
    private partial void LogWaiting(Guid applicationId, string? detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Credit application {ApplicationId}: the bureau's company {ConnectId} is registered under another name than the applicant's; its report is filed on no account for Finance")]
    private partial void LogIdentityNotConfirmed(Guid applicationId, string connectId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Credit application {ApplicationId}: the bureau report was not stored ({Status}): {Reason}")]
    private partial void LogReportNotStored(Guid applicationId, int status, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Credit application {ApplicationId}: the bureau lookup was not recorded ({Status}): {Reason}; it is picked up again next pass")]
    private partial void LogNotRecorded(Guid applicationId, int status, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Credit applications: {Assessed} assessed, {NotFound} not found at the bureau, {Waiting} waiting for the bureau, {Failed} not recorded")]
    private partial void LogPass(int assessed, int notFound, int waiting, int failed);
}

/// <summary>What one pass did.</summary>
public sealed class CreditApplicationPass
{
    public int Assessed { get; set; }

    public int NotFound { get; set; }

    public int Waiting { get; set; }

    public int Failed { get; set; }
}
