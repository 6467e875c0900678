extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using CreditOS.Testing.Builders;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Email = plugins::CreditOS.Dataverse.Model.Email;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;
using TaskTable = plugins::CreditOS.Dataverse.Model.Task;

namespace CreditOS.Plugins.Tests.Collections;

/// <summary>
/// Dunning through the local pipeline: the steps Carl configures, drafted by the daily batch as email activities for
/// the collector, in order and once per invoice, paused by a promise, leaving a disputed invoice out, stopped by payment,
/// the final step escalating to the account owner and Finance.
/// </summary>
public sealed class DunningPipelineTests
{
    [Fact]
    public void TheSteps_AreDraftedInOrder_OncePerInvoice_AndTheFinalOneEscalatesToTheOwnerAndFinance()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Create(world.Service);
        AnInvoice().Numbered(1).Of(2_500m).IssuedDaysAgo(37).DueAfter(30).Create(world.Service);
        var colin = world.ACollector(CollectionsWorld.Colin, "Colin Collector");
        world.CollectedBy(colin);
        world.TheUsualSequence();

        world.DailyBatch();
        world.DailyBatch();
        var afterFirst = world.EmailsOnTheCustomer().Count;
        world.Tomorrow(14);
        world.DailyBatch();
        world.Tomorrow(14);
        world.DailyBatch();

        var emails = world.EmailsOnTheCustomer();
        Assert.Equal(1, afterFirst);
        Assert.Equal(["First reminder", "Second reminder", "Final reminder"], emails.Select(e => e.GetAttributeValue<string>(Email.Fields.Subject).Split(':')[0]).ToArray());
        Assert.All(emails, e =>
        {
            Assert.Equal(1, e.GetAttributeValue<OptionSetValue>(Email.Fields.StatusCode).Value);
            Assert.Equal(0, e.GetAttributeValue<OptionSetValue>(Email.Fields.StateCode).Value);
            Assert.Equal(colin, e.GetAttributeValue<EntityReference>(Email.Fields.OwnerId).Id);
            Assert.Contains("- INV-00001, due ", e.GetAttributeValue<string>(Email.Fields.Description), StringComparison.Ordinal);
        });
        Assert.Contains("open USD 2,500.00, 35 days overdue", emails[2].GetAttributeValue<string>(Email.Fields.Description), StringComparison.Ordinal);
        var escalations = world.TasksOnTheCustomer().Where(t => t.GetAttributeValue<string>(TaskTable.Fields.Subject).StartsWith("Escalated: Final reminder", StringComparison.Ordinal)).ToList();
        var owner = world.Account(CreditTestIds.Customer).GetAttributeValue<EntityReference>("ownerid");
        Assert.Equal(new[] { owner.Id, ApprovalsIds.FinanceTeam }.Order(), escalations.Select(t => t.GetAttributeValue<EntityReference>(TaskTable.Fields.OwnerId).Id).Order());
        Assert.Equal(3, Invoice(world, "INV-00001").GetAttributeValue<int?>(Receivable.Fields.DunningLevel));
    }

    [Fact]
    public void AnOpenPromise_PausesTheSequence_UntilItIsBroken()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Create(world.Service);
        AnInvoice().Numbered(1).Of(2_500m).IssuedDaysAgo(37).DueAfter(30).Create(world.Service);
        var colin = world.ACollector(CollectionsWorld.Colin, "Colin Collector");
        world.CollectedBy(colin);
        world.TheUsualSequence();
        world.APromise(colin, 2_500m, 3, "INV-00001");

        world.DailyBatch();
        var whilePromised = world.EmailsOnTheCustomer().Count;
        world.Tomorrow(5);
        world.DailyBatch();

        Assert.Equal(0, whilePromised);
        Assert.StartsWith("First reminder", Assert.Single(world.EmailsOnTheCustomer()).GetAttributeValue<string>(Email.Fields.Subject), StringComparison.Ordinal);
    }

    [Fact]
    public void ADisputedInvoice_IsLeftOutOfTheLetter()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Create(world.Service);
        AnInvoice().Numbered(1).Of(2_500m).IssuedDaysAgo(37).DueAfter(30).Create(world.Service);
        AnInvoice().Numbered(2).Of(900m).IssuedDaysAgo(38).DueAfter(30).Disputed().Create(world.Service);
        world.TheUsualSequence();

        world.DailyBatch();

        var letter = Assert.Single(world.EmailsOnTheCustomer()).GetAttributeValue<string>(Email.Fields.Description);
        Assert.Contains("INV-00001", letter, StringComparison.Ordinal);
        Assert.DoesNotContain("INV-00002", letter, StringComparison.Ordinal);
        Assert.Null(Invoice(world, "INV-00002").GetAttributeValue<int?>(Receivable.Fields.DunningLevel));
        Assert.Equal(1, Invoice(world, "INV-00001").GetAttributeValue<int?>(Receivable.Fields.DunningLevel));
    }

    [Fact]
    public void APaidInvoice_StopsItsSequence()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Create(world.Service);
        AnInvoice().Numbered(1).Of(2_500m).IssuedDaysAgo(37).DueAfter(30).Create(world.Service);
        world.TheUsualSequence();

        world.DailyBatch();
        APayment().WithErpId("PAY-1").Of(2_500m).Settling("INV-00001").Create(world.Service);
        world.Tomorrow(30);
        world.DailyBatch();

        Assert.StartsWith("First reminder", Assert.Single(world.EmailsOnTheCustomer()).GetAttributeValue<string>(Email.Fields.Subject), StringComparison.Ordinal);
    }

    [Fact]
    public void AStepWithAPlaceholderCreditOSDoesNotFill_IsRefusedOnSave()
    {
        using var world = CreditWorld.WithAllPlugins();

        var refused = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() =>
            world.AStep("First reminder", 1, 7, body: "Dear {{contact}},\n{{items}}"));

        Assert.Contains("The body template of First reminder uses {{contact}}, which creditOS does not fill", refused.Message, StringComparison.Ordinal);
    }

    private static Entity Invoice(CreditWorld world, string number)
    {
        var query = new QueryExpression(Receivable.EntityLogicalName) { ColumnSet = new ColumnSet(Receivable.Fields.DunningLevel) };
        query.Criteria.AddCondition(Receivable.Fields.InvoiceNumber, ConditionOperator.Equal, number);
        return world.Service.RetrieveMultiple(query).Entities.Single();
    }
}
