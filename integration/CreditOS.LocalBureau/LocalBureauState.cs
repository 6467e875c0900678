using System.Globalization;

namespace CreditOS.LocalBureau;

/// <summary>
/// The local bureau's data: companies, portfolios and the notification events raised by scripted changes. Scripts
/// change a company the way the bureau's overnight run would, and raise one event per portfolio that monitors it.
/// </summary>
public sealed class LocalBureauState(TimeProvider clock)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, LocalCompany> companies = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<LocalPortfolio> portfolios = [];
    private readonly List<LocalEvent> events = [];
    private long nextPortfolioId = 1001;
    private long nextEventId = 500_001;

    public LocalBureauFaults Faults { get; } = new();

    /// <summary>Tokens issued (a count, for the tests of renewal).</summary>
    public int Authentications { get; internal set; }

    /// <summary>API calls answered (authenticate excluded), faults included.</summary>
    public int ApiCalls { get; internal set; }

    public TimeProvider Clock => clock;

    public void AddCompany(LocalCompany company)
    {
        ArgumentNullException.ThrowIfNull(company);
        lock (gate)
        {
            companies.Add(company.ConnectId, company);
        }
    }

    public LocalCompany Company(string connectId)
    {
        lock (gate)
        {
            return companies.TryGetValue(connectId, out var company) ? company : throw new KeyNotFoundException($"The local bureau has no company {connectId}.");
        }
    }

    /// <summary>The international rating moves (rule 101).</summary>
    public void ChangeRating(string connectId, string rating) =>
        Change(connectId, "101", "International score band change", company =>
        {
            var old = company.Rating;
            company.Rating = rating;
            return (old, rating);
        });

    /// <summary>The recommended credit limit changes (rule 102).</summary>
    public void ChangeRecommendedCredit(string connectId, decimal amount) =>
        Change(connectId, "102", "Credit limit change", company =>
        {
            var old = company.RecommendedCredit;
            company.RecommendedCredit = amount;
            return (Amount(old), Amount(amount));
        });

    /// <summary>The 0–100 provider score changes (rule 103).</summary>
    public void ChangeScore(string connectId, int score) =>
        Change(connectId, "103", "Provider score change", company =>
        {
            var old = company.Score;
            company.Score = score;
            return (old.ToString(CultureInfo.InvariantCulture), score.ToString(CultureInfo.InvariantCulture));
        });

    /// <summary>Days beyond terms change (rule 104).</summary>
    public void ChangeDaysBeyondTerms(string connectId, int days) =>
        Change(connectId, "104", "Days beyond terms change", company =>
        {
            var old = company.DaysBeyondTerms;
            company.DaysBeyondTerms = days;
            return (old?.ToString(CultureInfo.InvariantCulture), days.ToString(CultureInfo.InvariantCulture));
        });

    /// <summary>A new judgment is registered (rule 105).</summary>
    public void AddJudgment(string connectId, decimal amount, string court = "Amtsgericht") =>
        Change(connectId, "105", "New judgment", company =>
        {
            var old = company.Judgments.Count;
            company.Judgments.Add(new LocalJudgment(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), amount, court));
            return (old.ToString(CultureInfo.InvariantCulture), company.Judgments.Count.ToString(CultureInfo.InvariantCulture));
        });

    /// <summary>A new privilege (a preferential creditor's lien, e.g. tax or social security) is registered (rule 106).</summary>
    public void AddPrivilege(string connectId, decimal amount, string type = "Tax") =>
        Change(connectId, "106", "New privilege", company =>
        {
            var old = company.Privileges.Count;
            company.Privileges.Add(new LocalPrivilege(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), amount, type));
            return (old.ToString(CultureInfo.InvariantCulture), company.Privileges.Count.ToString(CultureInfo.InvariantCulture));
        });

    /// <summary>
    /// The bureau redelivers event <paramref name="eventId"/> with a different new value (a bureau-side correction
    /// under the same id): creditOS must treat it as a conflict, not overwrite.
    /// </summary>
    public void RewriteEvent(long eventId, string newValue)
    {
        lock (gate)
        {
            var index = events.FindIndex(item => item.EventId == eventId);
            if (index < 0)
            {
                throw new KeyNotFoundException($"The local bureau raised no event {eventId}.");
            }

            events[index] = events[index] with { NewValue = newValue };
        }
    }

    /// <summary>The connect ids in the portfolio of that name (empty when there is none).</summary>
    public IReadOnlyList<string> MembersOf(string portfolioName)
    {
        lock (gate)
        {
            return portfolios.Find(portfolio => portfolio.Name == portfolioName)?.Companies.Select(member => member.ConnectId).ToList() ?? [];
        }
    }

    public IReadOnlyList<LocalEvent> Events()
    {
        lock (gate)
        {
            return [.. events];
        }
    }

    internal List<LocalCompany> Search(string country, string? regNo, string? vatNo, string? name)
    {
        lock (gate)
        {
            return companies.Values
                .Where(company => string.Equals(company.Country, country, StringComparison.OrdinalIgnoreCase))
                .Where(company => regNo is null || string.Equals(Normalize(company.RegistrationNumber), Normalize(regNo), StringComparison.OrdinalIgnoreCase))
                .Where(company => vatNo is null || string.Equals(Normalize(company.VatNumber), Normalize(vatNo), StringComparison.OrdinalIgnoreCase))
                .Where(company => name is null || company.Name.Contains(name, StringComparison.OrdinalIgnoreCase))
                .OrderBy(company => company.Name, StringComparer.Ordinal)
                .ThenBy(company => company.ConnectId, StringComparer.Ordinal)
                .ToList();
        }
    }

    internal LocalCompany? Find(string connectId)
    {
        lock (gate)
        {
            return companies.GetValueOrDefault(connectId);
        }
    }

    internal List<LocalPortfolio> Portfolios()
    {
        lock (gate)
        {
            return [.. portfolios];
        }
    }

    internal LocalPortfolio? Portfolio(long portfolioId)
    {
        lock (gate)
        {
            return portfolios.Find(portfolio => portfolio.PortfolioId == portfolioId);
        }
    }

    internal LocalPortfolio CreatePortfolio(string name, bool isDefault)
    {
        lock (gate)
        {
            var portfolio = new LocalPortfolio { PortfolioId = nextPortfolioId++, Name = name, IsDefault = isDefault };
            portfolios.Add(portfolio);
            return portfolio;
        }
    }

    /// <summary>False when the company is in the portfolio already.</summary>
    internal bool AddToPortfolio(LocalPortfolio portfolio, string connectId, string? personalReference)
    {
        lock (gate)
        {
            if (portfolio.Companies.Exists(member => string.Equals(member.ConnectId, connectId, StringComparison.OrdinalIgnoreCase)))
            {
                return false;
            }

            portfolio.Companies.Add((companies[connectId].ConnectId, personalReference, clock.GetUtcNow()));
            return true;
        }
    }

    internal bool RemoveFromPortfolio(LocalPortfolio portfolio, string connectId)
    {
        lock (gate)
        {
            return portfolio.Companies.RemoveAll(member => string.Equals(member.ConnectId, connectId, StringComparison.OrdinalIgnoreCase)) > 0;
        }
    }

    internal List<LocalEvent> EventsOf(long portfolioId, DateTimeOffset from, DateTimeOffset to)
    {
        lock (gate)
        {
            var window = events.Where(item => item.PortfolioId == portfolioId && item.EventDate >= from && item.EventDate < to).OrderBy(item => item.EventId).ToList();
            return Faults.DuplicateEvents ? window.SelectMany(item => new[] { item, item }).ToList() : window;
        }
    }

    private void Change(string connectId, string ruleCode, string ruleName, Func<LocalCompany, (string? Old, string? New)> change)
    {
        lock (gate)
        {
            var company = Company(connectId);
            var (old, @new) = change(company);
            var now = clock.GetUtcNow();
            foreach (var portfolio in portfolios.Where(portfolio => portfolio.Companies.Exists(member => member.ConnectId == company.ConnectId)))
            {
                events.Add(new LocalEvent(nextEventId++, portfolio.PortfolioId, company.ConnectId, company.Name, company.Country, now, ruleCode, ruleName, old, @new));
            }
        }
    }

    private static string? Normalize(string? number) => number?.Replace(" ", string.Empty, StringComparison.Ordinal).Replace(".", string.Empty, StringComparison.Ordinal);

    private static string Amount(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
