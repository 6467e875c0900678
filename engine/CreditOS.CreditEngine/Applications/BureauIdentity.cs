namespace CreditOS.CreditEngine.Applications;

/// <summary>
/// Controls round 16 (session 23): does the company the bureau found by the application's registration number look like
/// the applicant? The worker looks the company up by the number the sales rep typed, so a rep who typed <b>another</b>
/// company's number got that company's report assessed for his customer, and the application showed him its clean
/// creditworthiness as if it were his customer's. The bureau's registered name (the report's name, which the worker files
/// from the bureau and the rep does not type) must agree with every name the rep gave the applicant (the application's and
/// its account's); when it does not, the request reaches Finance flagged with the bureau's figures, Finance approves it
/// only with a comment saying how the identity was confirmed, and the application shows the rep no score.
/// </summary>
public static class BureauIdentity
{
    /// <summary>The reason code the initial-limit request carries (<c>cos_reasoncode</c>), fixed with the request.</summary>
    public const string ReasonCode = "BureauNameMismatch";

    /// <summary>
    /// Whether a name the rep typed agrees with the bureau's registered name: the same name once case, accents, punctuation
    /// and legal forms are set aside (<see cref="LikelyDuplicate.NormalName"/>), or one holding every word of the other (a
    /// trading name "Northwind" of "Northwind Traders Ltd", or "Northwind Traders UK" of "Northwind Traders"). Two names
    /// that share only some words ("Northwind Traders" and "Northwind Logistics") do not agree.
    /// </summary>
    public static bool Agrees(string? typedName, string? registeredName)
    {
        var typed = Words(typedName);
        var registered = Words(registeredName);
        return typed.Count > 0 && registered.Count > 0 && (typed.IsSubsetOf(registered) || registered.IsSubsetOf(typed));
    }

    /// <summary>
    /// Controls round 17 (session 24): whether the bureau's registered name confirms the applicant, every name the rep typed
    /// (blank ones aside) agreeing with it; false when no name was typed or the bureau gave none (missing data fails closed).
    /// The one test for where a report is filed (the worker files a report that does not confirm the applicant on the
    /// application only, never on the account, and the report step refuses one on the account: it would feed the Risk score)
    /// and for the assessment's flag (<see cref="Mismatch"/>).
    /// </summary>
    public static bool Confirms(IEnumerable<string?> typedNames, string? registeredName)
    {
        var given = Given(typedNames);
        return given.Count > 0 && given.All(name => Agrees(name, registeredName));
    }

    /// <summary>
    /// Null when the bureau's registered name confirms the applicant (<see cref="Confirms"/>); otherwise the flag Finance
    /// reads first, with the bureau's figures (<paramref name="figures"/>), also when the bureau gave no name to compare. With
    /// no figures (the request's reason, which the sales rep reads: controls round 17) it says where Finance finds them.
    /// </summary>
    public static string? Mismatch(IEnumerable<string?> typedNames, string? registeredName, string? registrationNumber, string? country, BureauFigures? figures)
    {
        var given = Given(typedNames);
        if (Confirms(given, registeredName))
        {
            return null;
        }

        var disagreeing = given.Where(name => !Agrees(name, registeredName)).ToList();
        var company = "the bureau's company for registration number " + (string.IsNullOrWhiteSpace(registrationNumber) ? "(none given)" : registrationNumber!.Trim())
            + (string.IsNullOrWhiteSpace(country) ? string.Empty : " in " + country!.Trim().ToUpperInvariant());
        var registered = string.IsNullOrWhiteSpace(registeredName)
            ? company + " came with no registered name to compare"
            : company + " is registered as '" + registeredName!.Trim() + "'";
        return "Identity not confirmed: " + registered + ", not as the applicant '" + string.Join("' / '", disagreeing.Count > 0 ? disagreeing : given) + "'. "
            + (figures is null
                ? "The bureau's figures, which may be another company's, are in the request's verification for Finance. "
                : "The bureau's figures (rating " + figures.Rating + ", solvency " + figures.Solvency + ", recommended credit " + figures.RecommendedCreditText
                  + (figures.HasJudgment ? ", a judgment" : ", no judgment") + ") may be another company's. ")
            + "Approve only with a comment saying how the applicant's identity was confirmed; otherwise ask the sales rep or reject.";
    }

    /// <summary>What the application tells the rep while Finance checks the identity: why it is held, and no score.</summary>
    public static string HeldForFinance(string? registeredName, string since) =>
        "Held for Finance since " + since + ": the company the bureau found by the registration number is "
        + (string.IsNullOrWhiteSpace(registeredName) ? "not named by the bureau" : "registered as '" + registeredName!.Trim() + "'")
        + ", not as the applicant; Finance confirms the identity before any limit. Until Finance approves, the customer is on starter terms (prepayment).";

    /// <summary>Null when an approval may go without a comment as far as the identity goes; otherwise why not.</summary>
    public static string? UncommentedApprovalRefusal(string requestName, string? reasonCodes) =>
        !string.IsNullOrWhiteSpace(reasonCodes) && reasonCodes!.Split(',').Any(code => string.Equals(code.Trim(), ReasonCode, StringComparison.Ordinal))
            ? "Approving credit approval request '" + requestName + "' needs a comment: the bureau's registered name for the applicant's registration number is not the applicant's. "
              + "Say in the comment how the applicant's identity was confirmed."
            : null;

    private static List<string> Given(IEnumerable<string?> typedNames) =>
        typedNames.Where(name => !string.IsNullOrWhiteSpace(name)).Select(name => name!.Trim()).Distinct(StringComparer.Ordinal).ToList();

    private static HashSet<string> Words(string? name) =>
        new(LikelyDuplicate.NormalName(name).Split(' ').Where(word => word.Length > 0), StringComparer.Ordinal);

    /// <summary>The bureau report's figures as the flag states them.</summary>
    public sealed record BureauFigures(string Rating, string Solvency, string RecommendedCreditText, bool HasJudgment);
}
