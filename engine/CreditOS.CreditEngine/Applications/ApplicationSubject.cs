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

    /// <summary>A bureau report already on the account: its date, rating, solvency and judgments.</summary>
    public sealed record ReportOnFile(DateTime ReportDate, string Rating, int Solvency, int Judgments);
}
