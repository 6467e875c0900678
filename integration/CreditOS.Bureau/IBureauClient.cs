namespace CreditOS.Bureau;

/// <summary>
/// The credit bureau's REST API as creditOS uses it: company search, credit reports, monitoring portfolios and their
/// notification events. Authentication, token renewal, paging and retries (429 with Retry-After, 5xx, timeouts) are
/// the client's business; every failure that remains is a <see cref="BureauException"/> with a <see cref="BureauFailure"/>.
/// </summary>
public interface IBureauClient
{
    /// <summary>The bureau's name as creditOS stores it (<c>cos_bureaureport.cos_bureau</c>).</summary>
    string BureauName { get; }

    /// <summary>One page (1-based) of a company search.</summary>
    Task<CompanySearchPage> SearchCompaniesAsync(CompanySearchCriteria criteria, int page = 1, CancellationToken cancellationToken = default);

    /// <summary>Every company matching the criteria, page after page.</summary>
    IAsyncEnumerable<BureauCompany> SearchAllCompaniesAsync(CompanySearchCriteria criteria, CancellationToken cancellationToken = default);

    /// <summary>
    /// The one company the criteria identify (registration or VAT number). Throws <see cref="BureauFailure.CompanyNotFound"/>
    /// when none matches and <see cref="BureauFailure.AmbiguousCompany"/> when several do.
    /// </summary>
    Task<BureauCompany> FindCompanyAsync(CompanySearchCriteria criteria, CancellationToken cancellationToken = default);

    /// <summary>The company's credit report, validated (<see cref="BureauFailure.MalformedResponse"/> otherwise).</summary>
    Task<BureauCreditReport> GetCreditReportAsync(string connectId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<BureauPortfolio>> ListPortfoliosAsync(CancellationToken cancellationToken = default);

    Task<BureauPortfolio> CreatePortfolioAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The portfolio with this name, created when there is none.</summary>
    Task<BureauPortfolio> EnsurePortfolioAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Adds a company to a portfolio; adding one that is there already succeeds (idempotent).</summary>
    Task AddToPortfolioAsync(long portfolioId, string connectId, string? personalReference = null, CancellationToken cancellationToken = default);

    /// <summary>Removes a company from a portfolio; removing one that is not there succeeds (idempotent).</summary>
    Task RemoveFromPortfolioAsync(long portfolioId, string connectId, CancellationToken cancellationToken = default);

    IAsyncEnumerable<PortfolioCompany> ListPortfolioCompaniesAsync(long portfolioId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The portfolio's notification events raised in [<paramref name="from"/>, <paramref name="to"/>) widened to whole
    /// seconds, page after page, in the bureau's order.
    /// </summary>
    IAsyncEnumerable<BureauNotificationEvent> GetNotificationEventsAsync(long portfolioId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>The company's page in the bureau's web portal.</summary>
    Uri PortalLink(string connectId);
}
