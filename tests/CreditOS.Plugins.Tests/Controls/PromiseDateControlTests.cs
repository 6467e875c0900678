extern alias plugins;

using System.Net;
using System.ServiceModel;
using System.Text.Json.Nodes;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Plugins.Tests.Collections;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using static CreditOS.Plugins.Tests.Controls.WebApiCall;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Email = plugins::CreditOS.Dataverse.Model.Email;
using PromiseToPay = plugins::CreditOS.Dataverse.Model.PromiseToPay;
using PromiseToPayPlugin = plugins::CreditOS.Plugins.PromiseToPayPlugin;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Session 13: an open promise to pay pauses the customer's whole dunning sequence and moves the worklist's next action
/// to the day after its date, and a promise naming no invoice is kept by any payment. So Colin the collector (Collector
/// role: creates promises) took a customer off his worklist and out of dunning for ten years with a promise of 1.00
/// dated 2036. A promise is now dated at most <c>cos_PromiseMaxDays</c> (60 by default) ahead. As Colin through the
/// local Dataverse with every plugin, and over the Web API with his own token.
/// </summary>
public sealed class PromiseDateControlTests : WebApiControlTestsBase
{
    private readonly Guid colin;

    public PromiseDateControlTests()
        : base(CreditWorld.WithAllPlugins(), CollectionsWorld.Colin)
    {
        AnAccount().WithLimit(50_000).Create(World.Service);
        AnInvoice().Numbered(1).Of(42_000m).IssuedDaysAgo(37).DueAfter(30).Create(World.Service);
        colin = World.ACollector(CollectionsWorld.Colin, "Colin Collector");
        World.CollectedBy(colin);
        World.TheUsualSequence();
    }

    [Fact]
    public void Colin_CannotPauseACustomersDunningForYears_WithATokenPromiseDatedFarAhead_ButRecordsOneWithinTheHorizon()
    {
        World.ForgetExecutions();

        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Promise(1m, 3_650)).Detail.Message;

        Assert.Contains("A promise to pay cannot be dated 2036-01-13, 3650 days ahead", refusal, StringComparison.Ordinal);
        Assert.Contains("at most 60 days ahead (until 2026-03-16, cos_PromiseMaxDays)", refusal, StringComparison.Ordinal);
        Assert.Empty(World.Service.RetrieveMultiple(new QueryExpression(PromiseToPay.EntityLogicalName)).Entities);
        Assert.Equal(0, World.Account(CreditTestIds.Customer).GetAttributeValue<int?>(Account.Fields.OpenPromiseCount) ?? 0);

        // Not paused: the daily batch drafts the first reminder for the 42,000 seven days overdue.
        World.DailyBatch();
        Assert.StartsWith("First reminder", Assert.Single(World.EmailsOnTheCustomer()).GetAttributeValue<string>(Email.Fields.Subject), StringComparison.Ordinal);

        // A promise within the horizon is recorded as before, and costs no call more than it did.
        World.ForgetExecutions();
        var kept = Promise(20_000m, 60);
        Assert.Equal(1, World.Account(CreditTestIds.Customer).GetAttributeValue<int?>(Account.Fields.OpenPromiseCount));
        Assert.Equal(CreditTestIds.Today.AddDays(60), World.Promise(kept).GetAttributeValue<DateTime?>(PromiseToPay.Fields.PromisedFor));
        Assert.All(World.ExecutionsOf(typeof(PromiseToPayPlugin)), run => Assert.InRange(run.ServiceCalls, 0, 4));
    }

    [Fact]
    public async Task Colin_OverTheWebApi_CannotRecordAPromiseDatedFarAhead()
    {
        var answer = await SendAsync(People[colin], HttpMethod.Post, "cos_promisetopays", new JsonObject
        {
            ["cos_name"] = "Promise by phone",
            ["cos_AccountId@odata.bind"] = $"/accounts({CreditTestIds.Customer:D})",
            ["cos_amount"] = 1m,
            ["cos_promisedfor"] = CreditTestIds.Today.AddDays(400).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });

        AssertAnswer(answer, HttpStatusCode.BadRequest, "A promise to pay cannot be dated 2027-02-19, 400 days ahead");
        Assert.Empty(World.Service.RetrieveMultiple(new QueryExpression(PromiseToPay.EntityLogicalName)).Entities);
    }

    [Fact]
    public void TheCreditFlow_StillLoadsAnOpenPromiseFromTheErpWhateverItsDate()
    {
        var loaded = World.Service.Create(Row(5_000m, 400));

        Assert.Equal(CreditTestIds.Today.AddDays(400), World.Promise(loaded).GetAttributeValue<DateTime?>(PromiseToPay.Fields.PromisedFor));
    }

    private Guid Promise(decimal amount, int daysAhead) => World.Context.As(colin).Create(Row(amount, daysAhead));

    private static Entity Row(decimal amount, int daysAhead) => new(PromiseToPay.EntityLogicalName)
    {
        [PromiseToPay.Fields.Name] = "Promise by phone",
        [PromiseToPay.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
        [PromiseToPay.Fields.Amount] = new Money(amount),
        [PromiseToPay.Fields.PromisedFor] = CreditTestIds.Today.AddDays(daysAhead),
    };
}
