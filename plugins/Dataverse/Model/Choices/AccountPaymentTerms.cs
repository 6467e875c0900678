namespace CreditOS.Dataverse.Model;

/// <summary>Choices of <c>account.paymenttermscode</c>.</summary>
[ChoiceColumn("account", "paymenttermscode")]
public enum AccountPaymentTerms
{
    Net30 = 1,
    TwoPercent10Net30 = 2,
    Net45 = 3,
    Net60 = 4,
}
