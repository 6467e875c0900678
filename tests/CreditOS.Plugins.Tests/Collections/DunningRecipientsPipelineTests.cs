extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using CreditOS.Testing.Builders;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Email = plugins::CreditOS.Dataverse.Model.Email;

namespace CreditOS.Plugins.Tests.Collections;

/// <summary>
/// Dunning letters carry their recipients as activity parties, through the local pipeline: to the primary contact (or the
/// account at its own address), from the collector (or the owner); the final, escalating letter copies the owner and the
/// Finance approvers' queue; a customer with no address still gets a draft, flagged for the collector.
/// </summary>
public sealed class DunningRecipientsPipelineTests
{
    [Fact]
    public void TheLetters_GoToThePrimaryContact_FromTheCollector_AndTheFinalOneCopiesTheOwnerAndFinance()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Create(world.Service);
        var contact = world.Service.Create(new Entity("contact") { ["lastname"] = "Payable", ["firstname"] = "Pat", ["emailaddress1"] = "ap@contoso.example" });
        world.Service.Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer)
        {
            [Account.Fields.PrimaryContactId] = new EntityReference("contact", contact),
            [Account.Fields.EMailAddress1] = "billing@contoso.example",
        });
        AnInvoice().Numbered(1).Of(2_500m).IssuedDaysAgo(37).DueAfter(30).Create(world.Service);
        var colin = world.ACollector(CollectionsWorld.Colin, "Colin Collector");
        world.CollectedBy(colin);
        world.TheUsualSequence();

        world.DailyBatch();
        world.Tomorrow(28);
        world.DailyBatch();

        var emails = world.EmailsOnTheCustomer();
        Assert.Equal(2, emails.Count);
        Assert.All(emails, e =>
        {
            var to = Assert.Single(Parties(e, Email.Fields.To));
            Assert.Equal(new EntityReference("contact", contact), to.GetAttributeValue<EntityReference>("partyid"));
            Assert.Equal("ap@contoso.example", to.GetAttributeValue<string>("addressused"));
            Assert.Equal(colin, Assert.Single(Parties(e, Email.Fields.From)).GetAttributeValue<EntityReference>("partyid").Id);
        });
        Assert.Empty(Parties(emails[0], Email.Fields.Cc));
        var owner = world.Account(CreditTestIds.Customer).GetAttributeValue<EntityReference>("ownerid");
        Assert.StartsWith("Final reminder", emails[1].GetAttributeValue<string>(Email.Fields.Subject), StringComparison.Ordinal);
        Assert.Equal(
            new[] { ("queue", ApprovalsIds.FinanceQueue), ("systemuser", owner.Id) },
            Parties(emails[1], Email.Fields.Cc).Select(p => (p.GetAttributeValue<EntityReference>("partyid").LogicalName, p.GetAttributeValue<EntityReference>("partyid").Id)).Order().ToArray());
    }

    [Fact]
    public void WithoutAContact_TheLetterGoesToTheAccountAtItsAddress_FromTheOwner()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Create(world.Service);
        world.Service.Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.EMailAddress1] = "billing@contoso.example" });
        AnInvoice().Numbered(1).Of(2_500m).IssuedDaysAgo(37).DueAfter(30).Create(world.Service);
        world.TheUsualSequence();

        world.DailyBatch();

        var email = Assert.Single(world.EmailsOnTheCustomer());
        var to = Assert.Single(Parties(email, Email.Fields.To));
        Assert.Equal(new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer), to.GetAttributeValue<EntityReference>("partyid"));
        Assert.Equal("billing@contoso.example", to.GetAttributeValue<string>("addressused"));
        var owner = world.Account(CreditTestIds.Customer).GetAttributeValue<EntityReference>("ownerid");
        Assert.Equal(owner.Id, Assert.Single(Parties(email, Email.Fields.From)).GetAttributeValue<EntityReference>("partyid").Id);
        Assert.DoesNotContain("NO RECIPIENT", email.GetAttributeValue<string>(Email.Fields.Description), StringComparison.Ordinal);
    }

    [Fact]
    public void ACustomerWithNoAddress_StillGetsTheDraft_WithNoRecipientAndANoteForTheCollector()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Create(world.Service);
        AnInvoice().Numbered(1).Of(2_500m).IssuedDaysAgo(37).DueAfter(30).Create(world.Service);
        var colin = world.ACollector(CollectionsWorld.Colin, "Colin Collector");
        world.CollectedBy(colin);
        world.TheUsualSequence();

        world.DailyBatch();

        var email = Assert.Single(world.EmailsOnTheCustomer());
        Assert.Empty(Parties(email, Email.Fields.To));
        Assert.Equal(colin, email.GetAttributeValue<EntityReference>(Email.Fields.OwnerId).Id);
        var text = email.GetAttributeValue<string>(Email.Fields.Description);
        Assert.StartsWith("[creditOS] NO RECIPIENT: ", text, StringComparison.Ordinal);
        Assert.Contains("has no primary contact and the account has no email address", text, StringComparison.Ordinal);
        Assert.Contains("- INV-00001, due ", text, StringComparison.Ordinal);
        var query = new QueryExpression("activityparty") { ColumnSet = new ColumnSet("participationtypemask") };
        query.Criteria.AddCondition("activityid", ConditionOperator.Equal, email.Id);
        Assert.Equal([1], world.Service.RetrieveMultiple(query).Entities.Select(p => p.GetAttributeValue<OptionSetValue>("participationtypemask").Value).ToArray());
    }

    private static IReadOnlyList<Entity> Parties(Entity email, string column) =>
        email.GetAttributeValue<EntityCollection>(column)?.Entities ?? throw new Xunit.Sdk.XunitException($"The email has no '{column}' column in its result.");
}
