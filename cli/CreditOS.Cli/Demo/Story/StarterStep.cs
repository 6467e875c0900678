extern alias plugins;

using CreditOS.Cli.Demo.Loading;
using CreditOS.Cli.Demo.Reporting;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using RescoreAccountApi = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;

namespace CreditOS.Cli.Demo.Story;

/// <summary>A new customer is created, scored on demand (the account form's Rescore button), and places its first order.</summary>
internal static class StarterStep
{
    private const string NewCustomerName = "Newfield Components";
    private const string NewCustomerNumber = "C-NEW-0001";
    private const decimal FirstOrderAmount = 2_000m;
    private const string TargetParameter = "Target";

    public static void Play(StoryContext story)
    {
        var currency = story.Reference.CurrencyCode;
        var accountId = story.SalesRep.Create(new Entity(Account.EntityLogicalName)
        {
            [Account.Fields.Name] = NewCustomerName,
            [Account.Fields.AccountNumber] = NewCustomerNumber,
            [Account.Fields.IndustryCode] = new OptionSetValue((int)Segments.Industry(Segments.DefaultIndustry)),
            [Account.Fields.CustomerGroup] = new OptionSetValue((int)CustomerGroup.SmallBusiness),
            [Account.Fields.TransactionCurrencyId] = new EntityReference(TransactionCurrency.EntityLogicalName, story.Reference.CurrencyId),
        });
        story.SalesRep.Execute(new OrganizationRequest(RescoreAccountApi.UniqueName)
        {
            [TargetParameter] = new EntityReference(Account.EntityLogicalName, accountId),
        });
        var account = AccountSnapshot.Read(story.System, accountId);
        story.Output.Line("E. " + story.Reference.People.SalesRepName + " creates the new customer " + NewCustomerName + " and scores it on demand ("
            + RescoreAccountApi.UniqueName + "): tier " + account.Tier + (account.IsStarterTerms ? ", on starter terms" : string.Empty)
            + ", limit " + Figures.Money(currency, account.Limit) + ".");
        var order = StoryOrders.Enter(story, account, FirstOrderAmount, "Story: first order");
        story.Output.Line("   Its first order of " + Figures.Money(currency, FirstOrderAmount) + ": " + StoryText.Status(order) + ".");
        story.Run.Story.Add(new StarterOutcome(accountId, account.IsStarterTerms, account.Tier, order));
    }
}
