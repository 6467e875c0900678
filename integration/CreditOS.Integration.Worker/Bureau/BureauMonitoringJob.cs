using System.Globalization;
using System.Text.Json.Nodes;
using CreditOS.Bureau;
using CreditOS.Integration.Worker.Dataverse;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using AccountColumns = CreditOS.Integration.Worker.Bureau.BureauMonitoringSchema.Account;
using ApplicationColumns = CreditOS.Integration.Worker.Bureau.BureauMonitoringSchema.Application;
using ChangeColumns = CreditOS.Integration.Worker.Bureau.BureauMonitoringSchema.Change;
using ReportSchema = CreditOS.Integration.Worker.Dataverse.DataverseSchema.BureauReport;

namespace CreditOS.Integration.Worker.Bureau;

/// <summary>
/// The daily bureau monitoring run. (1) Accounts queued for monitoring (cos_bureaumonitored, status Pending) are found
/// at the bureau by their connect id or registration/VAT number, added to the portfolio, and get their connect id,
/// portal link and a first report; accounts whose monitoring was switched off leave the portfolio first. (2) The portfolio's notification events of the last <see cref="BureauMonitoringOptions.EventLookback"/>
/// are pulled; per company, events not stored yet go into one new cos_bureaureport (the company's current credit
/// report, keyed by the bureau and its newest event id) whose plug-in records each event as a cos_bureauchange row and
/// rescores, in one transaction. An event stored already with the same content writes nothing; with other content it
/// is a conflict (reported, never overwritten). A malformed report or an unknown company skips that company; a bureau
/// down or throttling after the client's retries stops the run (the next run's overlapping window resumes).
/// </summary>
public sealed partial class BureauMonitoringJob(
    IBureauClient bureau,
    DataverseWebApiClient dataverse,
    RecommendedCreditConversion currencies,
    IOptions<BureauMonitoringOptions> options,
    TimeProvider clock,
    ILogger<BureauMonitoringJob> logger)
{
    private const int PageSize = 5000;
    private const int MaxDaysBeyondTerms = 120;
    private const int EventIdsPerQuery = 50;

    /// <summary>cos_bureauchange.cos_criterion options (the plug-in stores the criterion by the names the client uses).</summary>
    private static readonly Dictionary<int, BureauCriterion> CriterionChoices = new()
    {
        [412_500_000] = BureauCriterion.InternationalRating,
        [412_500_001] = BureauCriterion.SolvencyScore,
        [412_500_002] = BureauCriterion.RecommendedCredit,
        [412_500_003] = BureauCriterion.DaysBeyondTerms,
        [412_500_004] = BureauCriterion.Judgment,
        [412_500_005] = BureauCriterion.Privilege,
        [412_500_006] = BureauCriterion.Other,
    };

    public async Task<BureauMonitoringResult> RunAsync(CancellationToken cancellationToken)
    {
        var result = new BureauMonitoringResult();
        var now = clock.GetUtcNow();
        try
        {
            var portfolio = await bureau.EnsurePortfolioAsync(options.Value.PortfolioName, cancellationToken).ConfigureAwait(false);
            await WithdrawAsync(portfolio, now, result, cancellationToken).ConfigureAwait(false);
            await EnrolPendingAsync(portfolio, now, result, cancellationToken).ConfigureAwait(false);
            await PullEventsAsync(portfolio, now, result, cancellationToken).ConfigureAwait(false);
        }
        catch (BureauException failure) when (failure.IsTransient)
        {
            result.Interrupted = failure.Message;
        }

        LogRun(result.ToString());
        return result;
    }

    /// <summary>
    /// Accounts whose monitoring was switched off (flag cleared while still Monitored) leave the bureau portfolio, so the
    /// bureau stops reporting on them and we stop paying for them; the status is cleared and the message says when. The
    /// connect id and portal link stay (the history still points at the company). Removing a company that is no longer
    /// a member is success (idempotent), so a run interrupted after the removal only repeats it.
    /// </summary>
    private async Task WithdrawAsync(BureauPortfolio portfolio, DateTimeOffset now, BureauMonitoringResult result, CancellationToken cancellationToken)
    {
        var select = string.Join(',', "accountid", "name", AccountColumns.ConnectId);
        var query = $"accounts?$select={select}&$filter={AccountColumns.Monitored} ne true and {AccountColumns.Status} eq {AccountColumns.StatusMonitored} and {AccountColumns.ConnectId} ne null";
        await foreach (var page in dataverse.GetPagesAsync(query, PageSize, cancellationToken).ConfigureAwait(false))
        {
            foreach (var account in page)
            {
                var connectId = Text(account, AccountColumns.ConnectId)!;
                await bureau.RemoveFromPortfolioAsync(portfolio.PortfolioId, connectId, cancellationToken).ConfigureAwait(false);
                await UpdateAccountAsync(account["accountid"]!.GetValue<Guid>(), new JsonObject
                {
                    [AccountColumns.Status] = null,
                    [AccountColumns.Message] = $"Monitoring switched off: removed from the bureau portfolio '{portfolio.Name}' on {now:yyyy-MM-dd}.",
                }, cancellationToken).ConfigureAwait(false);
                result.Withdrawn++;
            }
        }
    }

    private async Task EnrolPendingAsync(BureauPortfolio portfolio, DateTimeOffset now, BureauMonitoringResult result, CancellationToken cancellationToken)
    {
        var select = string.Join(',', "accountid", "name", "accountnumber", AccountColumns.ConnectId, AccountColumns.RegistrationNumber, AccountColumns.VatNumber, AccountColumns.CountryCode);
        var query = $"accounts?$select={select}&$filter={AccountColumns.Monitored} eq true and {AccountColumns.Status} eq {AccountColumns.StatusPending}";
        await foreach (var page in dataverse.GetPagesAsync(query, PageSize, cancellationToken).ConfigureAwait(false))
        {
            foreach (var account in page)
            {
                await EnrolAsync(portfolio, account, now, result, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task EnrolAsync(BureauPortfolio portfolio, JsonObject account, DateTimeOffset now, BureauMonitoringResult result, CancellationToken cancellationToken)
    {
        var accountId = account["accountid"]!.GetValue<Guid>();
        var name = Text(account, "name") ?? accountId.ToString();
        string connectId;
        try
        {
            connectId = Text(account, AccountColumns.ConnectId) ?? await FindByNumberAsync(accountId, account, name, cancellationToken).ConfigureAwait(false);
            await bureau.AddToPortfolioAsync(portfolio.PortfolioId, connectId, Text(account, "accountnumber"), cancellationToken).ConfigureAwait(false);
            var report = await bureau.GetCreditReportAsync(connectId, cancellationToken).ConfigureAwait(false);
            var recommended = await currencies.ToAccountCurrencyAsync(accountId, report.RecommendedCredit, report.Currency, cancellationToken).ConfigureAwait(false);
            var written = await WriteReportAsync(accountId, report, recommended, $"S-{connectId}-{now:yyyyMMdd}", [], cancellationToken).ConfigureAwait(false);
            if (written is not null)
            {
                result.Failures.Add($"{name}: enrolled at the bureau as {connectId}, but its first report was refused by Dataverse: {written}");
            }
        }
        catch (Exception failure) when (failure is ArgumentException or BureauException { IsTransient: false } or RecommendedCreditNotConvertibleException or BureauIdentityMismatchException)
        {
            var status = failure is BureauException { Failure: BureauFailure.CompanyNotFound or BureauFailure.AmbiguousCompany } or ArgumentException ? AccountColumns.StatusNotFound : AccountColumns.StatusFailed;
            result.NotFound += status == AccountColumns.StatusNotFound ? 1 : 0;
            result.Failures.Add($"{name}: {failure.Message}");
            await UpdateAccountAsync(accountId, new JsonObject { [AccountColumns.Status] = status, [AccountColumns.Message] = Cut(failure.Message, 1000) }, cancellationToken).ConfigureAwait(false);
            return;
        }

        await UpdateAccountAsync(accountId, new JsonObject
        {
            [AccountColumns.Status] = AccountColumns.StatusMonitored,
            [AccountColumns.ConnectId] = connectId,
            [AccountColumns.PortalLink] = bureau.PortalLink(connectId).AbsoluteUri,
            [AccountColumns.Message] = null,
        }, cancellationToken).ConfigureAwait(false);
        result.Enrolled++;
    }

    /// <summary>
    /// The company the account's registration or VAT number finds, when the account has no bureau company id. Controls
    /// round 9 (session 16): a customer onboarded through a credit application before its assessment wrote the company id
    /// on the account has the company its lookup matched on the application; a number typed on the account since that
    /// finds another company is refused with both ids (the account is marked Failed), so that company's report is never
    /// filed over the customer's. One query.
    /// </summary>
    private async Task<string> FindByNumberAsync(Guid accountId, JsonObject account, string name, CancellationToken cancellationToken)
    {
        var found = (await bureau.FindCompanyAsync(Criteria(account, name), cancellationToken).ConfigureAwait(false)).ConnectId;
        var applications = await dataverse.GetAsync(
            $"{ApplicationColumns.EntitySet}?$select={ApplicationColumns.Name},{ApplicationColumns.CompanyId}&$filter={ApplicationColumns.AccountValue} eq {accountId:D} and {ApplicationColumns.CompanyId} ne null&$top=1",
            cancellationToken).ConfigureAwait(false);
        if (applications["value"] is JsonArray { Count: > 0 } rows && rows[0] is JsonObject matched
            && Text(matched, ApplicationColumns.CompanyId) is { } known && !string.Equals(known, found, StringComparison.OrdinalIgnoreCase))
        {
            throw new BureauIdentityMismatchException(
                $"{name} was not enrolled: its registration/VAT number ({Text(account, AccountColumns.RegistrationNumber) ?? "-"}/{Text(account, AccountColumns.VatNumber) ?? "-"}, {Text(account, AccountColumns.CountryCode)}) finds the bureau's company {found}, "
                + $"but its credit application '{Text(matched, ApplicationColumns.Name)}' was assessed on company {known}; no report of {found} is filed over it. "
                + "Finance corrects the number (or monitoring is queued again once the account carries the right company id).");
        }

        return found;
    }

    private static CompanySearchCriteria Criteria(JsonObject account, string name)
    {
        var criteria = new CompanySearchCriteria(Text(account, AccountColumns.CountryCode) ?? string.Empty, Text(account, AccountColumns.RegistrationNumber), Text(account, AccountColumns.VatNumber));
        if (criteria.RegistrationNumber is null && criteria.VatNumber is null)
        {
            throw new ArgumentException($"{name} cannot be found at the bureau: it has no registration or VAT number (and no bureau company id).");
        }

        return criteria.Problem() is { } problem ? throw new ArgumentException($"{name} cannot be found at the bureau: {problem}") : criteria;
    }

    private async Task PullEventsAsync(BureauPortfolio portfolio, DateTimeOffset now, BureauMonitoringResult result, CancellationToken cancellationToken)
    {
        var pulled = new List<BureauNotificationEvent>();
        await foreach (var item in bureau.GetNotificationEventsAsync(portfolio.PortfolioId, now - options.Value.EventLookback, now, cancellationToken).ConfigureAwait(false))
        {
            pulled.Add(item);
        }

        result.EventsPulled = pulled.Count;
        if (pulled.Count == 0)
        {
            return;
        }

        var accounts = await MonitoredAccountsAsync(cancellationToken).ConfigureAwait(false);
        var withdrawn = await UnmonitoredConnectIdsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var company in pulled.GroupBy(item => item.ConnectId, StringComparer.OrdinalIgnoreCase))
        {
            if (!accounts.TryGetValue(company.Key, out var accountId))
            {
                if (withdrawn.Contains(company.Key))
                {
                    // Events of the look-back window that predate the withdrawal: the account is no longer monitored.
                    continue;
                }

                result.Failures.Add($"The bureau reported {company.Count()} event(s) for {company.First().CompanyName} ({company.Key}), which no monitored account carries as its bureau company id; nothing stored.");
                continue;
            }

            await StoreCompanyEventsAsync(accountId, company.Key, [.. company], result, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task StoreCompanyEventsAsync(Guid accountId, string connectId, List<BureauNotificationEvent> events, BureauMonitoringResult result, CancellationToken cancellationToken)
    {
        var fresh = new List<BureauNotificationEvent>();
        var stored = await StoredEventsAsync(events.Select(item => item.EventId).Distinct().ToList(), cancellationToken).ConfigureAwait(false);
        foreach (var delivery in events.GroupBy(item => item.EventId, StringComparer.Ordinal))
        {
            var contents = delivery.Select(BureauEventText.Content).Distinct(StringComparer.Ordinal).ToList();
            var first = delivery.First();
            if (contents.Count > 1)
            {
                result.Conflicts.Add($"Event {delivery.Key} of {connectId} was delivered {delivery.Count()} times with different content ({string.Join(" / ", contents)}); none is stored until the bureau confirms which is right.");
            }
            else if (stored.TryGetValue(delivery.Key, out var storedContent))
            {
                if (storedContent == contents[0])
                {
                    result.Duplicates += delivery.Count();
                }
                else
                {
                    result.Conflicts.Add($"Event {delivery.Key} of {connectId} was stored as ({storedContent}) and is now delivered as ({contents[0]}); the stored change is kept, the bureau must confirm which is right.");
                }
            }
            else
            {
                result.Duplicates += delivery.Count() - 1;
                fresh.Add(first);
            }
        }

        if (fresh.Count == 0)
        {
            return;
        }

        BureauCreditReport report;
        try
        {
            report = await bureau.GetCreditReportAsync(connectId, cancellationToken).ConfigureAwait(false);
        }
        catch (BureauException failure) when (!failure.IsTransient)
        {
            result.Failures.Add($"{failure.Message} Its {fresh.Count} new event(s) stay at the bureau and are pulled again by the next run.");
            await UpdateAccountAsync(accountId, new JsonObject { [AccountColumns.Message] = Cut(failure.Message, 1000) }, cancellationToken).ConfigureAwait(false);
            return;
        }

        AccountCurrencyAmount recommended;
        try
        {
            recommended = await currencies.ToAccountCurrencyAsync(accountId, report.RecommendedCredit, report.Currency, cancellationToken).ConfigureAwait(false);
        }
        catch (RecommendedCreditNotConvertibleException notConvertible)
        {
            var why = $"The report for {connectId} was not stored: {notConvertible.Message}. Its {fresh.Count} new event(s) stay at the bureau and are pulled again by the next run.";
            result.Failures.Add(why);
            await UpdateAccountAsync(accountId, new JsonObject { [AccountColumns.Message] = Cut(why, 1000) }, cancellationToken).ConfigureAwait(false);
            return;
        }

        var newest = fresh.Max(item => long.Parse(item.EventId, CultureInfo.InvariantCulture));
        var refusal = await WriteReportAsync(accountId, report, recommended, "E" + newest.ToString(CultureInfo.InvariantCulture), fresh, cancellationToken).ConfigureAwait(false);
        if (refusal is null)
        {
            result.ReportsWritten++;
        }
        else
        {
            result.Failures.Add($"The report for {connectId} answering events {string.Join(", ", fresh.Select(item => item.EventId))} was refused by Dataverse: {refusal}");
        }
    }

    /// <summary>Writes one report (create only); null when written or when the same report was written already, else Dataverse's reason.</summary>
    private async Task<string?> WriteReportAsync(Guid accountId, BureauCreditReport report, AccountCurrencyAmount recommended, string externalId, IReadOnlyList<BureauNotificationEvent> events, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            [BureauMonitoringSchema.Report.Name] = Cut($"{report.CompanyName} {report.InternationalRating} {report.SolvencyScore}/100 ({report.ReportDate:yyyy-MM-dd})", 200),
            [ReportSchema.SolvencyScore] = report.SolvencyScore,
            [ReportSchema.Rating] = ReportSchema.RatingOptions[report.InternationalRating],
            [ReportSchema.RecommendedCredit] = recommended.Amount,
            // The column holds 0–120: a longer delay is stored as 120 ("120 days or more").
            [ReportSchema.DaysBeyondTerms] = report.DaysBeyondTerms is { } days ? Math.Min(days, MaxDaysBeyondTerms) : null,
            [ReportSchema.HasJudgment] = report.HasJudgment,
            [ReportSchema.HasLien] = report.HasPrivilege,
            [BureauMonitoringSchema.Report.JudgmentCount] = report.JudgmentCount,
            [BureauMonitoringSchema.Report.PrivilegeCount] = report.PrivilegeCount,
            [ReportSchema.ReportDate] = ODataKey.Date(report.ReportDate),
            [BureauMonitoringSchema.Report.Events] = events.Count == 0 ? null : BureauEventText.Format(events),
        };
        body[DataverseSchema.BindProperty(ReportSchema.AccountNavigation)] = DataverseSchema.Bind(DataverseSchema.Account.EntitySet, accountId);
        body[DataverseSchema.BindProperty(ReportSchema.CurrencyNavigation)] = DataverseSchema.Bind(DataverseSchema.Currency.EntitySet, recommended.CurrencyId);
        var key = ODataKey.For(ReportSchema.EntitySet, (ReportSchema.Bureau, ODataKey.Text(bureau.BureauName)), (ReportSchema.ExternalId, ODataKey.Text(externalId)));
        var outcome = (await dataverse.ExecuteBatchAsync([BatchOperation.CreateOnly(key, body)], cancellationToken).ConfigureAwait(false))[0];
        return outcome.Succeeded || outcome.StatusCode == 412 ? null : $"{outcome.StatusCode} {outcome.ErrorMessage}";
    }

    /// <summary>Connect id → account of every monitored account that has one.</summary>
    private async Task<Dictionary<string, Guid>> MonitoredAccountsAsync(CancellationToken cancellationToken)
    {
        var accounts = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        await foreach (var page in dataverse.GetPagesAsync($"accounts?$select=accountid,{AccountColumns.ConnectId}&$filter={AccountColumns.Monitored} eq true and {AccountColumns.ConnectId} ne null", PageSize, cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page)
            {
                accounts[Text(row, AccountColumns.ConnectId)!] = row["accountid"]!.GetValue<Guid>();
            }
        }

        return accounts;
    }

    /// <summary>Connect ids of accounts whose monitoring was switched off (their late events are not a failure).</summary>
    private async Task<HashSet<string>> UnmonitoredConnectIdsAsync(CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var page in dataverse.GetPagesAsync($"accounts?$select={AccountColumns.ConnectId}&$filter={AccountColumns.Monitored} ne true and {AccountColumns.ConnectId} ne null", PageSize, cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page)
            {
                ids.Add(Text(row, AccountColumns.ConnectId)!);
            }
        }

        return ids;
    }

    /// <summary>Event id → stored content, for the events already recorded as changes.</summary>
    private async Task<Dictionary<string, string>> StoredEventsAsync(IReadOnlyList<string> eventIds, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in eventIds.Chunk(EventIdsPerQuery))
        {
            var filter = $"{ChangeColumns.Bureau} eq {ODataKey.StringLiteral(bureau.BureauName)} and ({string.Join(" or ", chunk.Select(id => $"{ChangeColumns.EventId} eq {ODataKey.StringLiteral(id)}"))})";
            var select = string.Join(',', ChangeColumns.EventId, ChangeColumns.Criterion, ChangeColumns.RuleCode, ChangeColumns.PreviousValue, ChangeColumns.NewValue, ChangeColumns.ChangedOn);
            await foreach (var page in dataverse.GetPagesAsync($"{ChangeColumns.EntitySet}?$select={select}&$filter={filter}", PageSize, cancellationToken).ConfigureAwait(false))
            {
                foreach (var row in page)
                {
                    var criterion = CriterionChoices.GetValueOrDefault(row[ChangeColumns.Criterion]!.GetValue<int>(), BureauCriterion.Other);
                    var changedOn = DateTimeOffset.Parse(row[ChangeColumns.ChangedOn]!.GetValue<string>(), CultureInfo.InvariantCulture);
                    stored[Text(row, ChangeColumns.EventId)!] = string.Join('|', criterion.ToString(), Text(row, ChangeColumns.RuleCode) ?? string.Empty, Text(row, ChangeColumns.PreviousValue) ?? string.Empty, Text(row, ChangeColumns.NewValue) ?? string.Empty, BureauEventText.Time(changedOn));
                }
            }
        }

        return stored;
    }

    private async Task UpdateAccountAsync(Guid accountId, JsonObject changes, CancellationToken cancellationToken)
    {
        var outcome = (await dataverse.ExecuteBatchAsync([BatchOperation.Update($"{DataverseSchema.Account.EntitySet}({accountId:D})", changes)], cancellationToken).ConfigureAwait(false))[0];
        if (!outcome.Succeeded)
        {
            throw new DataverseException(outcome.StatusCode, outcome.ErrorCode, $"Writing the bureau monitoring state of account {accountId} failed: {outcome.ErrorMessage}");
        }
    }

    private static string? Text(JsonObject row, string column) => row[column]?.GetValue<string>() is { Length: > 0 } text ? text.Trim() : null;

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];

    [LoggerMessage(Level = LogLevel.Information, Message = "Bureau monitoring run: {Summary}")]
    private partial void LogRun(string summary);
}
