using System.Globalization;

namespace CreditOS.CreditEngine.Applications;

/// <summary>
/// Whose credit an application may ask for (controls round 9). A credit application is a new customer's: the bureau
/// lookup it starts finds the company by the registration number the person entering it typed and files that company's
/// report on the application's account, dated today. On an account that already has a bureau report on file (monitored,
/// or assessed before) the filed report becomes the latest one, which the rescoring reads for suspension and the Risk
/// score: a rep naming his suspended customer and another company's registration number put a clean report over the
/// customer's judgment and the suspension lifted with no lift recorded. So an application is refused for an account with
/// a report on file other than its own lookup's; an existing customer asks for a different limit from its Credit tab
/// (a limit request Finance decides) and its bureau facts come from monitoring.
/// </summary>
public static class ApplicationSubject
{
    /// <summary>
    /// Null when the account may be the subject of the application; otherwise why not, with the report on file's figures.
    /// </summary>
    /// <param name="applicationName">The application, as the refusal names it.</param>
    /// <param name="accountName">The application's customer account.</param>
    /// <param name="reportOnFile">The latest bureau report on the account that this application's lookup did not file; null when there is none.</param>
    /// <param name="isSuspended">Whether the account is suspended now (stated in the refusal).</param>
    public static string? Refusal(string applicationName, string accountName, ReportOnFile? reportOnFile, bool isSuspended)
    {
        if (reportOnFile is null)
        {
            return null;
        }

        var report = reportOnFile;
        return "Credit application '" + applicationName + "' names " + accountName + ", which already has a bureau report on file (dated "
            + Require.Day(report.ReportDate) + ": rating " + report.Rating + ", solvency " + report.Solvency.ToString(CultureInfo.InvariantCulture)
            + ", " + report.Judgments.ToString(CultureInfo.InvariantCulture) + " judgment(s)" + (isSuspended ? "; the account is suspended" : string.Empty) + "). "
            + "An application is a new customer's: its bureau lookup, by the registration number entered here, would file another report on the account and the rescoring would read it instead. "
            + "Ask for a different limit from the account's Credit tab (Finance decides it); the account's bureau facts come from monitoring, and a suspension is lifted only by Finance.";
    }

    /// <summary>
    /// Whether an account already buys on credit (controls round 10): it has a credit limit above zero and is not on
    /// starter terms. Such a customer is not a new one, whether or not a bureau report is on file (a customer scored from
    /// its ERP history has none): an application's lookup would file the report of whatever company its registration
    /// number finds on it and make that company the one bureau monitoring follows, and its bureau identity would steer
    /// monitoring the same way. A starter-terms customer (prepayment) may still apply for credit.
    /// </summary>
    public static bool BuysOnCredit(decimal creditLimit, bool isStarterTerms) => creditLimit > 0m && !isStarterTerms;

    /// <summary>Null when the account does not buy on credit; otherwise why an application may not name it, with its figures.</summary>
    /// <param name="limitText">The account's credit limit as the refusal states it (amount and currency).</param>
    /// <param name="openReceivablesText">The account's open receivables as the refusal states them.</param>
    public static string? CreditCustomerRefusal(string applicationName, string accountName, decimal creditLimit, bool isStarterTerms, string limitText, string openReceivablesText)
    {
        if (!BuysOnCredit(creditLimit, isStarterTerms))
        {
            return null;
        }

        return "Credit application '" + applicationName + "' names " + accountName + ", which already buys on credit (credit limit " + limitText
            + ", open receivables " + openReceivablesText + "). "
            + "An application is a new customer's: its bureau lookup, by the registration number entered here, would file that company's report on the account and make it the company bureau monitoring follows. "
            + "Ask for a different limit from the account's Credit tab (Finance decides it); the account's bureau facts come from monitoring.";
    }

    /// <summary>
    /// By what the company an application applies for is the same as an account's (controls round 13, session 20): the
    /// company the bureau matched (its company id), else the registration number in the same country (an account without a
    /// country code matches on the number), else the VAT number; compared trimmed and without regard to case, as Dataverse
    /// compares text. Null when nothing identifies them as one company. A second account for a company that is already a
    /// customer would get a limit of its own (a new customer's initial limit, decided by Finance on the new account's empty
    /// picture) beside everything the company owes on the first.
    /// </summary>
    public static string? SameCompanyBy(CompanyIdentity application, CompanyIdentity account)
    {
        if (Same(application.BureauCompanyId, account.BureauCompanyId))
        {
            return "bureau company " + application.BureauCompanyId!.Trim();
        }

        if (Same(application.RegistrationNumber, account.RegistrationNumber)
            && (string.IsNullOrWhiteSpace(account.Country) || string.IsNullOrWhiteSpace(application.Country) || Same(application.Country, account.Country)))
        {
            return "registration number " + application.RegistrationNumber!.Trim() + (string.IsNullOrWhiteSpace(application.Country) ? string.Empty : " in " + application.Country!.Trim());
        }

        return Same(application.VatNumber, account.VatNumber) ? "VAT number " + application.VatNumber!.Trim() : null;
    }

    /// <summary>
    /// Controls round 17 (session 24): by what a bureau report on another account is the company the bureau matched: the
    /// report's id is the company's id, alone or followed by the report's date (the worker's report ids: the company id, a dash
    /// and yyyyMMdd), compared without regard to case. Null otherwise. The bureau's reports on file say which account the company
    /// is, also when that account carries none of its numbers (a customer onboarded before round 9 wrote the company id on the
    /// account): a rep who names a new account and its application after that company, under its registration number, makes the
    /// bureau's registered name agree (<see cref="BureauIdentity"/>), so the names cannot tell the two apart; the reports can.
    /// </summary>
    public static string? SameCompanyByReport(string? matchedCompanyId, string? reportId)
    {
        if (string.IsNullOrWhiteSpace(matchedCompanyId) || string.IsNullOrWhiteSpace(reportId))
        {
            return null;
        }

        var company = matchedCompanyId!.Trim();
        var report = reportId!.Trim();
        var sameCompany = string.Equals(company, report, StringComparison.OrdinalIgnoreCase)
            || (report.Length == company.Length + 9 && report.StartsWith(company + "-", StringComparison.OrdinalIgnoreCase) && report.Substring(company.Length + 1).All(char.IsDigit));
        return sameCompany ? "bureau company " + company + ", whose bureau report " + report + " is on file for that customer" : null;
    }

    /// <summary>Null when no other account is the company; otherwise why the application is refused, with that customer's figures.</summary>
    /// <param name="matchedBy">What identified the company (<see cref="SameCompanyBy"/>).</param>
    public static string? ExistingCustomerRefusal(string applicationName, string accountName, string? matchedBy, ExistingCustomer? existing)
    {
        if (matchedBy is null || existing is null)
        {
            return null;
        }

        return "Credit application '" + applicationName + "' names " + accountName + ", but the company it applies for (" + matchedBy + ") is already the customer "
            + existing.Name + " (credit limit " + existing.LimitText + ", exposure " + existing.ExposureText + ", overdue " + existing.OverdueText
            + (existing.IsSuspended ? "; suspended" : string.Empty) + (existing.IsInactive ? "; inactive" : string.Empty) + "). "
            + "An application is a new customer's: a second account for the same company would get a limit of its own beside what the company already owes. "
            + "Order on the account of " + existing.Name + " and ask for a different limit from its Credit tab (Finance decides it)"
            + (existing.IsInactive ? "; an inactive customer is reactivated first" : string.Empty) + ".";
    }

    private static bool Same(string? left, string? right) =>
        !string.IsNullOrWhiteSpace(left) && !string.IsNullOrWhiteSpace(right) && string.Equals(left!.Trim(), right!.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>How an application or an account names its company: the bureau's company id, the registration number and its country, the VAT number.</summary>
    public sealed record CompanyIdentity(string? RegistrationNumber, string? Country, string? VatNumber, string? BureauCompanyId);

    /// <summary>The customer a company already is: its name and credit figures as the refusal states them, suspended or inactive.</summary>
    public sealed record ExistingCustomer(string Name, string LimitText, string ExposureText, string OverdueText, bool IsSuspended, bool IsInactive);

    /// <summary>A bureau report already on the account: its date, rating, solvency and judgments.</summary>
    public sealed record ReportOnFile(DateTime ReportDate, string Rating, int Solvency, int Judgments);
}
