using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using CreditOS.Bureau.Wire;
using Microsoft.Extensions.Options;

namespace CreditOS.Bureau;

/// <summary>The typed client (HttpClient from IHttpClientFactory with the resilience and authentication handlers).</summary>
internal sealed class BureauClient(HttpClient http, IOptions<BureauOptions> options) : IBureauClient
{
    private readonly BureauOptions settings = options.Value;

    public string BureauName => settings.BureauName;

    public async Task<CompanySearchPage> SearchCompaniesAsync(CompanySearchCriteria criteria, int page = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        if (criteria.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(criteria));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        var query = Query(
            ("countries", criteria.Country.Trim().ToUpperInvariant()),
            ("regNo", criteria.RegistrationNumber),
            ("vatNo", criteria.VatNumber),
            ("name", criteria.Name),
            ("page", page.ToString(CultureInfo.InvariantCulture)),
            ("pageSize", settings.PageSize.ToString(CultureInfo.InvariantCulture)));
        var body = await GetAsync<CompanySearchResponse>($"companies{query}", $"the company search ({criteria})", BureauFailure.CompanyNotFound, cancellationToken).ConfigureAwait(false);
        var companies = (body.Companies ?? []).Select(item => ToCompany(item, criteria)).ToList();
        return new CompanySearchPage(companies, page, settings.PageSize, body.TotalSize ?? companies.Count);
    }

    public async IAsyncEnumerable<BureauCompany> SearchAllCompaniesAsync(CompanySearchCriteria criteria, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var page = 1; ; page++)
        {
            var result = await SearchCompaniesAsync(criteria, page, cancellationToken).ConfigureAwait(false);
            foreach (var company in result.Companies)
            {
                yield return company;
            }

            if (!result.HasMore)
            {
                yield break;
            }
        }
    }

    public async Task<BureauCompany> FindCompanyAsync(CompanySearchCriteria criteria, CancellationToken cancellationToken = default)
    {
        var first = await SearchCompaniesAsync(criteria, 1, cancellationToken).ConfigureAwait(false);
        return first.TotalSize switch
        {
            0 => throw new BureauException(BureauFailure.CompanyNotFound, $"The bureau knows no company with {criteria}; check the numbers on the application or the account."),
            1 when first.Companies.Count == 1 => first.Companies[0],
            _ => throw new BureauException(BureauFailure.AmbiguousCompany, $"The bureau has {first.TotalSize} companies with {criteria} ({string.Join(", ", first.Companies.Take(5).Select(company => $"{company.Name} {company.ConnectId}"))}); search by registration or VAT number."),
        };
    }

    public async Task<BureauCreditReport> GetCreditReportAsync(string connectId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectId);
        var body = await GetAsync<CreditReportResponse>($"companies/{Uri.EscapeDataString(connectId)}?language=en", $"the credit report of company {connectId}", BureauFailure.CompanyNotFound, cancellationToken).ConfigureAwait(false);
        return CreditReportReader.Read(connectId, body);
    }

    public async Task<IReadOnlyList<BureauPortfolio>> ListPortfoliosAsync(CancellationToken cancellationToken = default)
    {
        var body = await GetAsync<PortfolioListResponse>("monitoring/portfolios", "the portfolio list", BureauFailure.PortfolioNotFound, cancellationToken).ConfigureAwait(false);
        return (body.Portfolios ?? []).Select(ToPortfolio).ToList();
    }

    public async Task<BureauPortfolio> CreatePortfolioAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        using var response = await SendAsync(HttpMethod.Post, "monitoring/portfolios", JsonContent.Create(new CreatePortfolioRequest(name, IsDefault: false), options: BureauJson.Options), $"creating portfolio '{name}'", cancellationToken).ConfigureAwait(false);
        await BureauResponses.ThrowIfFailedAsync(response, $"creating portfolio '{name}'", settings.MaxRetryAttempts, cancellationToken, BureauFailure.PortfolioNotFound).ConfigureAwait(false);
        return ToPortfolio(await BureauResponses.ReadAsync<WirePortfolio>(response, $"creating portfolio '{name}'", cancellationToken).ConfigureAwait(false));
    }

    public async Task<BureauPortfolio> EnsurePortfolioAsync(string name, CancellationToken cancellationToken = default)
    {
        var existing = await ListPortfoliosAsync(cancellationToken).ConfigureAwait(false);
        return existing.FirstOrDefault(portfolio => string.Equals(portfolio.Name, name, StringComparison.Ordinal))
            ?? await CreatePortfolioAsync(name, cancellationToken).ConfigureAwait(false);
    }

    public async Task AddToPortfolioAsync(long portfolioId, string connectId, string? personalReference = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectId);
        var operation = $"adding company {connectId} to portfolio {portfolioId}";
        using var response = await SendAsync(HttpMethod.Post, $"monitoring/portfolios/{portfolioId}/companies", JsonContent.Create(new AddCompanyRequest(connectId, personalReference, null), options: BureauJson.Options), operation, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return; // Already monitored: the request's purpose holds.
        }

        await BureauResponses.ThrowIfFailedAsync(response, operation, settings.MaxRetryAttempts, cancellationToken, BureauFailure.CompanyNotFound).ConfigureAwait(false);
    }

    public async Task RemoveFromPortfolioAsync(long portfolioId, string connectId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectId);
        var operation = $"removing company {connectId} from portfolio {portfolioId}";
        using var response = await SendAsync(HttpMethod.Delete, $"monitoring/portfolios/{portfolioId}/companies/{Uri.EscapeDataString(connectId)}", null, operation, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound && await IsMemberMissingAsync(portfolioId, cancellationToken).ConfigureAwait(false))
        {
            return; // The portfolio exists and the company is not in it: the request's purpose holds.
        }

        await BureauResponses.ThrowIfFailedAsync(response, operation, settings.MaxRetryAttempts, cancellationToken, BureauFailure.PortfolioNotFound).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<PortfolioCompany> ListPortfolioCompaniesAsync(long portfolioId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var seen = 0;
        for (var page = 0; ; page++)
        {
            var body = await GetAsync<PortfolioCompaniesResponse>($"monitoring/portfolios/{portfolioId}/companies{Query(("page", page.ToString(CultureInfo.InvariantCulture)), ("pageSize", settings.PageSize.ToString(CultureInfo.InvariantCulture)))}", $"the companies of portfolio {portfolioId}", BureauFailure.PortfolioNotFound, cancellationToken).ConfigureAwait(false);
            var companies = body.Companies ?? [];
            foreach (var company in companies)
            {
                yield return new PortfolioCompany(
                    company.Id ?? throw new BureauException(BureauFailure.MalformedResponse, $"A company in portfolio {portfolioId} has no id."),
                    company.Name ?? string.Empty,
                    company.CountryCode ?? string.Empty,
                    company.PersonalReference,
                    company.DateAdded);
            }

            seen += companies.Count;
            if (companies.Count == 0 || seen >= (body.TotalCount ?? seen))
            {
                yield break;
            }
        }
    }

    public async IAsyncEnumerable<BureauNotificationEvent> GetNotificationEventsAsync(long portfolioId, DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (to < from)
        {
            throw new ArgumentException($"The event window ends ({to:O}) before it starts ({from:O}).", nameof(to));
        }

        var seen = 0;
        for (var page = 0; ; page++)
        {
            var query = Query(
                ("startDate", WholeSeconds(from, roundUp: false)),
                ("endDate", WholeSeconds(to, roundUp: true)),
                ("page", page.ToString(CultureInfo.InvariantCulture)),
                ("pageSize", settings.PageSize.ToString(CultureInfo.InvariantCulture)));
            var body = await GetAsync<NotificationEventsResponse>($"monitoring/portfolios/{portfolioId}/notificationEvents{query}", $"the notification events of portfolio {portfolioId}", BureauFailure.PortfolioNotFound, cancellationToken).ConfigureAwait(false);
            var events = body.Data ?? [];
            foreach (var item in events)
            {
                yield return ToEvent(portfolioId, item);
            }

            seen += events.Count;
            if (events.Count == 0 || seen >= (body.TotalCount ?? seen))
            {
                yield break;
            }
        }
    }

    public Uri PortalLink(string connectId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectId);
        return new Uri(settings.PortalCompanyUrlTemplate.Replace("{connectId}", Uri.EscapeDataString(connectId), StringComparison.Ordinal));
    }

    private async Task<bool> IsMemberMissingAsync(long portfolioId, CancellationToken cancellationToken)
    {
        var portfolios = await ListPortfoliosAsync(cancellationToken).ConfigureAwait(false);
        return portfolios.Any(portfolio => portfolio.PortfolioId == portfolioId);
    }

    private async Task<T> GetAsync<T>(string relative, string operation, BureauFailure notFound, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, relative, null, operation, cancellationToken).ConfigureAwait(false);
        await BureauResponses.ThrowIfFailedAsync(response, operation, settings.MaxRetryAttempts, cancellationToken, notFound).ConfigureAwait(false);
        return await BureauResponses.ReadAsync<T>(response, operation, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string relative, HttpContent? content, string operation, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(settings.BaseAddress!, relative)) { Content = content };
        try
        {
            return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException failure)
        {
            throw new BureauException(BureauFailure.Unavailable, $"The bureau at {settings.BaseAddress} could not be reached for {operation} after {settings.MaxRetryAttempts} retries: {failure.Message}", failure);
        }
        catch (Exception failure) when (failure is TimeoutException or Polly.Timeout.TimeoutRejectedException || (failure is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new BureauException(BureauFailure.Unavailable, $"The bureau did not answer {operation} within {settings.AttemptTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s, {settings.MaxRetryAttempts} retries included.", failure);
        }
    }

    /// <summary>The bureau takes whole seconds: the window is widened to them (never narrowed), so no event at its edges is missed.</summary>
    private static string WholeSeconds(DateTimeOffset at, bool roundUp)
    {
        var utc = at.UtcDateTime;
        var floor = new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        var second = roundUp && floor != utc ? floor.AddSeconds(1) : floor;
        return second.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
    }

    private static string Query(params (string Name, string? Value)[] parameters) =>
        "?" + string.Join("&", parameters.Where(parameter => !string.IsNullOrWhiteSpace(parameter.Value)).Select(parameter => $"{parameter.Name}={Uri.EscapeDataString(parameter.Value!.Trim())}"));

    private static BureauCompany ToCompany(CompanySearchItem item, CompanySearchCriteria criteria) =>
        new(
            item.Id ?? throw new BureauException(BureauFailure.MalformedResponse, $"A company found by {criteria} has no connect id."),
            item.Name ?? string.Empty,
            item.Country ?? criteria.Country,
            item.RegNo,
            item.VatNo,
            item.Status,
            item.Address?.SimpleValue);

    private static BureauPortfolio ToPortfolio(WirePortfolio item) =>
        new(
            item.PortfolioId ?? throw new BureauException(BureauFailure.MalformedResponse, $"Portfolio '{item.Name}' has no portfolioId."),
            item.Name ?? string.Empty,
            item.IsDefault ?? false,
            item.CompanyCount ?? 0);

    private static BureauNotificationEvent ToEvent(long portfolioId, WireNotificationEvent item)
    {
        if (item.EventId is not { } eventId || item.Company?.Id is not { Length: > 0 } connectId || item.EventDate is not { } date || string.IsNullOrWhiteSpace(item.RuleCode))
        {
            throw new BureauException(BureauFailure.MalformedResponse, $"A notification event of portfolio {portfolioId} lacks its eventId, company id, eventDate or ruleCode (event {item.EventId}, company {item.Company?.Id}); the pull stops so that no event is skipped.");
        }

        return new BureauNotificationEvent(
            eventId.ToString(CultureInfo.InvariantCulture),
            item.Company.PortfolioId ?? portfolioId,
            connectId,
            item.Company.Name ?? string.Empty,
            date,
            item.RuleCode,
            item.RuleName ?? string.Empty,
            BureauEventRules.CriterionOf(item.RuleCode),
            item.OldValue,
            item.NewValue);
    }
}
