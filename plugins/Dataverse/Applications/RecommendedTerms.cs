namespace CreditOS.Dataverse.Applications;

/// <summary>
/// The payment terms a credit application's assessment recommends (net days), as the account's Payment Terms choice
/// (<c>paymenttermscode</c>, the standard table's: 1 Net 30, 2 "2% 10, Net 30", 3 Net 45, 4 Net 60), written by the
/// credit flow with the initial limit Finance approves. Only plain net terms map (the assessment never recommends the
/// early-payment discount); other days have no choice, so nothing is written and the application says so.
/// </summary>
public static class RecommendedTerms
{
    public static int? PaymentTermsCode(int? netDays) => netDays switch
    {
        30 => 1,
        45 => 3,
        60 => 4,
        _ => null,
    };
}
