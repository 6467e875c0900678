using System.Globalization;
using System.Text;

namespace CreditOS.CreditEngine.Applications;

/// <summary>
/// Controls round 14 (session 21): a credit application whose company <b>may</b> already be a customer with no bureau
/// identity on file. Round 13 refuses an application for a company another account is by its bureau company id,
/// registration number or VAT number; a customer onboarded from the ERP without any of them (scored from its history)
/// was not found, so a rep's second account for it went to Finance showing only the new, empty account, and its initial
/// limit came beside everything the company owed on the first. A name is weak evidence (two companies may share one), so
/// a match is not a refusal: the same name once case, accents, punctuation and legal forms are set aside, at the same
/// postal code (in the same country when both say which), sends the initial-limit request to Finance flagged with the
/// customer's figures, and Finance approves it only with a comment saying why it is another company. Controls round 15
/// (session 22): the bureau's registered name, and a name with a postal code missing on either side, match too
/// (<see cref="By"/>).
/// </summary>
public static class LikelyDuplicate
{
    /// <summary>The hold reason code the initial-limit request carries (<c>cos_reasoncode</c>), fixed with the request.</summary>
    public const string ReasonCode = "PossibleDuplicateCustomer";

    // Legal forms and fillers that do not tell two companies apart ("Northwind Traders Ltd" is "Northwind Traders").
    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "the", "and", "ltd", "limited", "inc", "incorporated", "llc", "llp", "lp", "plc", "corp", "corporation", "co", "company",
        "gmbh", "ag", "kg", "ohg", "ug", "se", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "oy", "oyj", "ab", "as", "asa", "aps", "pty", "pte", "kk",
    };

    /// <summary>
    /// A company name as the comparison sees it: lower case, accents and punctuation removed ("&amp;" and "and" alike), legal forms
    /// and fillers dropped, words joined by one space. Empty when nothing distinctive is left.
    /// </summary>
    public static string NormalName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return string.Empty;
        }

        var letters = new StringBuilder(name!.Length);
        foreach (var character in name.Replace("&", " and ").Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(character) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            letters.Append(char.IsLetterOrDigit(character) ? char.ToLowerInvariant(character) : ' ');
        }

        return string.Join(" ", letters.ToString().Split([' '], StringSplitOptions.RemoveEmptyEntries).Where(word => !Fillers.Contains(word)));
    }

    /// <summary>A postal code as the comparison sees it: its letters and digits, upper case ("bs1-4qa" is "BS14QA").</summary>
    public static string NormalPostalCode(string? postalCode) =>
        string.IsNullOrWhiteSpace(postalCode) ? string.Empty : new string(postalCode!.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    /// <summary>
    /// The distinctive words of a normalized name, longest first (at most <paramref name="most"/>): what a query narrows its
    /// candidates by before <see cref="By"/> confirms them (each word appears in the stored name whatever its legal form or
    /// punctuation). Empty for an empty name.
    /// </summary>
    public static IReadOnlyList<string> SearchWords(string? name, int most = 3) =>
        NormalName(name).Split(' ').Where(word => word.Length > 0).Distinct(StringComparer.Ordinal)
            .OrderByDescending(word => word.Length).ThenBy(word => word, StringComparer.Ordinal).Take(most).ToList();

    /// <summary>
    /// Why an existing account may be the applicant's company, or null. The account's name must equal, once normalized, one
    /// of the applicant's names (those the rep typed: the application's and the new account's; or the bureau's registered
    /// name), and the countries agree when both are known. Then:
    /// <list type="bullet">
    /// <item>the same postal code (both given) is a match, whichever name matched (round 14);</item>
    /// <item>controls round 15 (session 22): for an account with <b>no number on file</b> (no registration, VAT or bureau
    /// number, which would otherwise decide, round 13), the <b>bureau's registered name</b> is a match at any postal code:
    /// the rep does not type it, so changing the name and the postal code on the application and the new account no longer
    /// hides the company; and a name the rep typed is a match when <b>either postal code is missing</b>: leaving the
    /// postal code off the application, or the customer having none on file, is no evidence that it is another company,
    /// and a false flag costs Finance one comment where a missed one costs a second limit beside a debt.</item>
    /// </list>
    /// A typed name at another postal code (both given), with a registered name that differs, is still no match.
    /// </summary>
    public static string? By(IEnumerable<string?> typedNames, string? registeredName, string? postalCode, string? country, Candidate account)
    {
        if (!string.IsNullOrWhiteSpace(country) && !string.IsNullOrWhiteSpace(account.Country)
            && !string.Equals(country!.Trim(), account.Country!.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // Controls round 16 (session 23): the customer's former names (FormerNames) match as its name does.
        var current = NormalName(account.Name);
        var typed = typedNames.Select(NormalName).Where(name => name.Length > 0).ToList();
        var registered = NormalName(registeredName);
        foreach (var theirs in new[] { current }.Concat(FormerNames.Of(account.FormerNames).Select(NormalName)).Where(name => name.Length > 0).Distinct(StringComparer.Ordinal))
        {
            var byRegisteredName = registered == theirs;
            if ((byRegisteredName || typed.Contains(theirs)) && ByName(theirs, theirs == current ? string.Empty : " (a former name of the customer)", byRegisteredName, postalCode, country, account) is { } matched)
            {
                return matched;
            }
        }

        return null;
    }

    private static string? ByName(string theirs, string former, bool byRegisteredName, string? postalCode, string? country, Candidate account)
    {
        var code = NormalPostalCode(postalCode);
        var their = NormalPostalCode(account.PostalCode);
        var inCountry = string.IsNullOrWhiteSpace(country) ? string.Empty : " in " + country!.Trim().ToUpperInvariant();
        if (code.Length > 0 && code == their)
        {
            return "the name '" + theirs + "'" + former + " at postal code " + postalCode!.Trim() + inCountry;
        }

        if (account.HasNumberOnFile)
        {
            return null;
        }

        if (byRegisteredName)
        {
            return "the bureau's registered name '" + theirs + "'" + former + inCountry + " (" + PostalCodes(postalCode, account.PostalCode) + ")";
        }

        return code.Length == 0 || their.Length == 0
            ? "the name '" + theirs + "'" + former + inCountry + " alone (" + PostalCodes(postalCode, account.PostalCode) + ")"
            : null;
    }

    /// <summary>What the two postal codes were, so Finance sees why the name alone was enough.</summary>
    private static string PostalCodes(string? applicants, string? customers) =>
        "the application gives " + (string.IsNullOrWhiteSpace(applicants) ? "no postal code" : "postal code " + applicants!.Trim())
        + ", the customer has " + (string.IsNullOrWhiteSpace(customers) ? "none on file" : customers!.Trim());

    /// <summary>
    /// Whether an account matched by name is worth Finance's attention: it has a credit limit, owes something, or is
    /// suspended. A prospect entered twice with nothing on credit is no second limit beside a debt.
    /// </summary>
    public static bool HasCreditStanding(decimal creditLimit, decimal exposure, bool isSuspended) => creditLimit > 0m || exposure > 0m || isSuspended;

    /// <summary>
    /// The flag Finance reads first on the initial-limit request and the application: which customer, by what, and its
    /// credit figures, so the decision is taken with what the company may already owe.
    /// </summary>
    public static string Note(string matchedBy, ApplicationSubject.ExistingCustomer existing) =>
        "Possible duplicate: by " + matchedBy + " this company may already be the customer " + existing.Name
        + " (credit limit " + existing.LimitText + ", exposure " + existing.ExposureText + ", overdue " + existing.OverdueText
        + (existing.IsSuspended ? "; suspended" : string.Empty) + (existing.IsInactive ? "; inactive" : string.Empty) + "), which has no registration, VAT or bureau number on file to compare. "
        + "Approve only with a comment saying why it is another company; if it is the same, reject and order on the account of " + existing.Name + ".";

    /// <summary>
    /// Controls round 16 (session 23): the flag when more accounts with credit standing have names holding the applicant's
    /// words than the lookup compares (<paramref name="compared"/>), none of those compared being the company: the one that
    /// is may lie beyond them (a rep can enter near-duplicates to push it there), so the request is not passed unflagged.
    /// </summary>
    public static string Unconfirmed(int compared, IEnumerable<IReadOnlyList<string>> searchedWords) =>
        "Possible duplicate: more than " + compared + " customers with credit (a limit, an exposure or a suspension) have names holding the words of this company's name ("
        + string.Join("; ", searchedWords.Select(words => "'" + string.Join(" ", words) + "'")) + "), more than the duplicate check compares, "
        + "so one of them may be this company. Search the customers by name before deciding. "
        + "Approve only with a comment saying why it is another company.";

    /// <summary>Whether the request's reason codes flag a possible duplicate (its approval then needs a comment).</summary>
    public static bool IsFlagged(string? reasonCodes) =>
        !string.IsNullOrWhiteSpace(reasonCodes)
        && reasonCodes!.Split(',').Any(code => string.Equals(code.Trim(), ReasonCode, StringComparison.Ordinal));

    /// <summary>Null when an approval may go without a comment; otherwise why not.</summary>
    /// <param name="requestName">The request, as the refusal names it.</param>
    /// <param name="reasonCodes">The request's reason codes.</param>
    /// <param name="note">The request's flag (its reason), quoted in the refusal.</param>
    public static string? UncommentedApprovalRefusal(string requestName, string? reasonCodes, string? note) =>
        !IsFlagged(reasonCodes)
            ? null
            : "Approving credit approval request '" + requestName + "' needs a comment: its company may already be a customer. "
              + (string.IsNullOrWhiteSpace(note) ? string.Empty : note!.Trim() + " ")
              + "Say in the comment why it is another company.";

    /// <summary>
    /// An existing account as the comparison reads it: its name, its address's postal code, its country code, and whether it
    /// carries a registration, VAT or bureau number (then the numbers decide, and a name alone is not enough).
    /// </summary>
    /// <param name="FormerNames">Controls round 16: the customer's former names as stored (<see cref="Applications.FormerNames"/>).</param>
    public sealed record Candidate(string? Name, string? PostalCode, string? Country, bool HasNumberOnFile = false, string? FormerNames = null);
}
