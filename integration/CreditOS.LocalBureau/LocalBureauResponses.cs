using System.Globalization;

namespace CreditOS.LocalBureau;

/// <summary>The JSON the local bureau answers with, in the bureau's documented shape (camelCase).</summary>
internal static class LocalBureauResponses
{
    public static object Error(string message, string? details = null) => new { correlationId = Guid.NewGuid().ToString(), message, details };

    public static object SearchItem(LocalCompany company) => new
    {
        id = company.ConnectId,
        country = company.Country,
        regNo = company.RegistrationNumber,
        vatNo = company.VatNumber,
        safeNo = company.ConnectId.Split('-')[^1],
        name = company.Name,
        address = new { simpleValue = company.Address },
        status = company.Status,
        type = "Ltd",
    };

    public static object Report(LocalCompany company, DateTimeOffset now) => new
    {
        correlationId = Guid.NewGuid().ToString(),
        dateOfOrder = now,
        language = "EN",
        report = new
        {
            companyId = company.ConnectId,
            language = "EN",
            companySummary = new { businessName = company.Name, country = company.Country, companyRegistrationNumber = company.RegistrationNumber },
            companyIdentification = new
            {
                basicInformation = new { registeredCompanyName = company.Name, companyRegistrationNumber = company.RegistrationNumber, vatRegistrationNumber = company.VatNumber, country = company.Country },
            },
            creditScore = new
            {
                currentCreditRating = new
                {
                    commonValue = company.Rating,
                    commonDescription = Describe(company.Rating),
                    creditLimit = new { currency = company.Currency, value = company.RecommendedCredit },
                    providerValue = new { minValue = 0, maxValue = 100, value = company.Score },
                    providerDescription = Describe(company.Rating),
                },
            },
            paymentData = new { daysBeyondTerms = company.DaysBeyondTerms },
            negativeInformation = new
            {
                ccjSummary = new { numberOfExact = company.Judgments.Count, valueOfExact = company.Judgments.Sum(judgment => judgment.Amount), currency = company.Currency },
                privileges = company.Privileges.Select(privilege => new { date = privilege.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), type = privilege.Type, amount = privilege.Amount }),
            },
        },
    };

    /// <summary>A report the client must refuse: no credit score and a rating band that does not exist.</summary>
    public static object MalformedReport(LocalCompany company, DateTimeOffset now) => new
    {
        correlationId = Guid.NewGuid().ToString(),
        dateOfOrder = now,
        report = new
        {
            companyId = company.ConnectId,
            companySummary = new { businessName = company.Name, country = company.Country, creditRating = new { commonValue = "Z" } },
        },
    };

    public static object Portfolio(LocalPortfolio portfolio) => new { portfolioId = portfolio.PortfolioId, name = portfolio.Name, isDefault = portfolio.IsDefault, companyCount = portfolio.Companies.Count };

    public static object Event(LocalEvent item) => new
    {
        company = new { id = item.ConnectId, safeNumber = item.ConnectId.Split('-')[^1], name = item.CompanyName, countryCode = item.Country, portfolioId = item.PortfolioId },
        eventId = item.EventId,
        eventDate = item.EventDate,
        createdDate = item.EventDate,
        oldValue = item.OldValue,
        newValue = item.NewValue,
        ruleCode = item.RuleCode,
        ruleName = item.RuleName,
        notificationEventId = item.EventId,
    };

    private static string Describe(string rating) => rating switch
    {
        "A" => "Very Low Risk",
        "B" => "Low Risk",
        "C" => "Moderate Risk",
        "D" => "High Risk",
        _ => "Not Rated / Very High Risk",
    };
}
