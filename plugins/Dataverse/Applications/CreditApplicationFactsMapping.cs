using CreditOS.CreditEngine.Applications;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Fields = CreditOS.Dataverse.Model.CreditApplication.Fields;

namespace CreditOS.Dataverse.Applications;

/// <summary>A cos_creditapplication row as the engine's <see cref="CreditApplicationFacts"/>.</summary>
public static class CreditApplicationFactsMapping
{
    public static CreditApplicationFacts ToEngine(Entity application, string currency) => new()
    {
        Currency = currency,
        RequestedLimit = application.MoneyOrZero(Fields.RequestedLimit),
        RequestedTermsDays = application.GetAttributeValue<int?>(Fields.RequestedTermsDays) ?? 0,
        AnnualRevenue = application.MoneyOrNull(Fields.AnnualRevenue),
        Equity = application.MoneyOrNull(Fields.Equity),
        CurrentRatio = application.GetAttributeValue<decimal?>(Fields.CurrentRatio),
        YearsTrading = application.GetAttributeValue<int?>(Fields.YearsTrading),
        TradeReferences = CreditApplication.TradeReferences
            .Select(r => application.ChoiceOrNull(r.Rating))
            .OfType<int>()
            .Select(TradeReference)
            .ToList(),
        BankReference = application.ChoiceOrNull(Fields.BankReferenceRating) switch
        {
            (int)BankReferenceRatingChoice.Strong => BankReferenceRating.Strong,
            (int)BankReferenceRatingChoice.Satisfactory => BankReferenceRating.Satisfactory,
            (int)BankReferenceRatingChoice.Weak => BankReferenceRating.Weak,
            _ => null,
        },
    };

    /// <summary>"Acme Supplies: good; Bolt Ltd: slow" as the approval request shows the references.</summary>
    public static string DescribeReferences(Entity application)
    {
        var parts = CreditApplication.TradeReferences
            .Where(r => application.ChoiceOrNull(r.Rating) is not null)
            .Select(r => (application.GetAttributeValue<string>(r.Name) ?? "unnamed supplier") + ": " + ((TradeReferenceRatingChoice)application.ChoiceOrNull(r.Rating)!.Value).ToString().ToLowerInvariant())
            .ToList();
        var trade = parts.Count == 0 ? "no trade references" : "trade references " + string.Join("; ", parts);
        var bank = application.ChoiceOrNull(Fields.BankReferenceRating) is { } rating
            ? "bank " + (application.GetAttributeValue<string>(Fields.BankReferenceName) ?? "unnamed") + ": " + ((BankReferenceRatingChoice)rating).ToString().ToLowerInvariant()
            : "no bank reference";
        return trade + "; " + bank + ".";
    }

    private static TradeReferenceRating TradeReference(int choice) => choice switch
    {
        (int)TradeReferenceRatingChoice.Good => TradeReferenceRating.Good,
        (int)TradeReferenceRatingChoice.Slow => TradeReferenceRating.Slow,
        _ => TradeReferenceRating.Poor,
    };
}
