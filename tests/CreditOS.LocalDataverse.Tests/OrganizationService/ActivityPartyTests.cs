using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.OrganizationService;

/// <summary>
/// Activity parties as Microsoft documents them: an email's to/from/cc/bcc are PartyList columns set as an EntityCollection
/// of activityparty entities (partyid: account, contact, systemuser or queue; or only addressused); each party is stored as
/// an activityparty row with its participationtypemask (1 from, 2 to, 3 cc, 4 bcc); Retrieve gives the collection back; the
/// rows are queried like any table; the table itself supports RetrieveMultiple only.
/// </summary>
public sealed class ActivityPartyTests
{
    [Fact]
    public void AnEmailsParties_AreStoredAsActivityPartyRows_AndRetrievedAsEntityCollections()
    {
        using var env = DataverseTestBuilder.ALocalDataverse().Build();
        var (account, contact) = ACustomer(env);
        var financeQueue = env.Service.Create(new Entity("queue") { ["name"] = "Credit approvals - Finance" });

        var email = env.Service.Create(new Entity("email")
        {
            ["subject"] = "First reminder",
            ["from"] = Parties(Party(new EntityReference("systemuser", FixedIds.CreditOfficer))),
            ["to"] = Parties(Party(new EntityReference("contact", contact)), Party(new EntityReference("account", account))),
            ["cc"] = Parties(Party(new EntityReference("queue", financeQueue))),
            ["bcc"] = Parties(Address("archive@contoso.example")),
        });

        var row = env.Service.Retrieve("email", email, new ColumnSet("subject", "to", "from"));
        var to = row.GetAttributeValue<EntityCollection>("to");
        Assert.Equal("activityparty", to.EntityName);
        Assert.Equal(new[] { account, contact }.Order(), to.Entities.Select(p => p.GetAttributeValue<EntityReference>("partyid").Id).Order());
        Assert.All(to.Entities, p => Assert.Equal(2, p.GetAttributeValue<OptionSetValue>("participationtypemask").Value));
        Assert.Equal(FixedIds.CreditOfficer, Assert.Single(row.GetAttributeValue<EntityCollection>("from").Entities).GetAttributeValue<EntityReference>("partyid").Id);
        Assert.False(row.Contains("cc"));

        var query = new QueryExpression("activityparty") { ColumnSet = new ColumnSet("participationtypemask", "partyid", "addressused", "activityid") };
        query.Criteria.AddCondition("activityid", ConditionOperator.Equal, email);
        var parties = env.Service.RetrieveMultiple(query).Entities;
        Assert.Equal([1, 2, 2, 3, 4], parties.Select(p => p.GetAttributeValue<OptionSetValue>("participationtypemask").Value).Order().ToArray());
        Assert.All(parties, p => Assert.Equal(new EntityReference("email", email).LogicalName, p.GetAttributeValue<EntityReference>("activityid").LogicalName));
        var bcc = Assert.Single(parties, p => p.GetAttributeValue<OptionSetValue>("participationtypemask").Value == 4);
        Assert.Equal("archive@contoso.example", bcc.GetAttributeValue<string>("addressused"));
        Assert.False(bcc.Contains("partyid"));
    }

    [Fact]
    public void FetchXml_FindsTheEmailsSentToAContact_ThroughItsActivityParties()
    {
        using var env = DataverseTestBuilder.ALocalDataverse().Build();
        var (account, contact) = ACustomer(env);
        var toContact = env.Service.Create(new Entity("email") { ["subject"] = "To the contact", ["to"] = Parties(Party(new EntityReference("contact", contact))) });
        env.Service.Create(new Entity("email") { ["subject"] = "To the account", ["to"] = Parties(Party(new EntityReference("account", account))) });
        env.Service.Create(new Entity("email") { ["subject"] = "Cc the contact", ["cc"] = Parties(Party(new EntityReference("contact", contact))) });

        var fetch = $"""
            <fetch>
              <entity name="email">
                <attribute name="subject" />
                <link-entity name="activityparty" from="activityid" to="activityid" link-type="inner">
                  <filter>
                    <condition attribute="partyid" operator="eq" value="{contact}" />
                    <condition attribute="participationtypemask" operator="eq" value="2" />
                  </filter>
                </link-entity>
              </entity>
            </fetch>
            """;
        var found = env.Service.RetrieveMultiple(new FetchExpression(fetch)).Entities;

        Assert.Equal(toContact, Assert.Single(found).Id);
    }

    [Fact]
    public void AllColumns_ReturnsThePartyLists_AndUpdateReplacesOnlyTheColumnsGiven()
    {
        using var env = DataverseTestBuilder.ALocalDataverse().Build();
        var (account, contact) = ACustomer(env);
        var email = env.Service.Create(new Entity("email")
        {
            ["subject"] = "Reminder",
            ["to"] = Parties(Party(new EntityReference("account", account))),
            ["cc"] = Parties(Party(new EntityReference("systemuser", FixedIds.FinanceApprover))),
        });

        env.Service.Update(new Entity("email", email) { ["to"] = Parties(Party(new EntityReference("contact", contact)), Address("ap@contoso.example")) });

        var byQuery = env.Service.RetrieveMultiple(new QueryExpression("email") { ColumnSet = new ColumnSet(true) }).Entities.Single();
        var to = byQuery.GetAttributeValue<EntityCollection>("to").Entities;
        Assert.Equal(2, to.Count);
        Assert.Contains(to, p => p.GetAttributeValue<EntityReference>("partyid")?.Id == contact);
        Assert.Contains(to, p => p.GetAttributeValue<string>("addressused") == "ap@contoso.example");
        Assert.DoesNotContain(to, p => p.GetAttributeValue<EntityReference>("partyid")?.Id == account);
        Assert.Equal(FixedIds.FinanceApprover, Assert.Single(byQuery.GetAttributeValue<EntityCollection>("cc").Entities).GetAttributeValue<EntityReference>("partyid").Id);
        Assert.Empty(byQuery.GetAttributeValue<EntityCollection>("bcc").Entities);
    }

    [Fact]
    public void DeletingTheEmail_DeletesItsParties()
    {
        using var env = DataverseTestBuilder.ALocalDataverse().Build();
        var (account, _) = ACustomer(env);
        var email = env.Service.Create(new Entity("email") { ["subject"] = "Reminder", ["to"] = Parties(Party(new EntityReference("account", account))) });

        env.Service.Delete("email", email);

        Assert.Empty(env.Service.RetrieveMultiple(new QueryExpression("activityparty") { ColumnSet = new ColumnSet("activityid") }).Entities);
        Assert.NotNull(env.Service.Retrieve("account", account, new ColumnSet("name")));
    }

    [Fact]
    public void TheEmailsSender_IsOneParty()
    {
        using var env = DataverseTestBuilder.ALocalDataverse().Build();

        var fault = FaultAssert.Throws(DataverseErrorCodes.InvalidArgument, () => env.Service.Create(new Entity("email")
        {
            ["subject"] = "Two senders",
            ["from"] = Parties(Party(new EntityReference("systemuser", FixedIds.CreditOfficer)), Party(new EntityReference("systemuser", FixedIds.FinanceApprover))),
        }));

        Assert.Contains("'from' of entity 'email' takes one party only; 2 were given", fault.Message, StringComparison.Ordinal);
        Assert.Empty(env.Service.RetrieveMultiple(new QueryExpression("email") { ColumnSet = new ColumnSet("subject") }).Entities);
    }

    [Fact]
    public void APartyOfATableThatCannotBeAParty_IsRefused()
    {
        using var env = DataverseTestBuilder.ALocalDataverse().Build();
        var task = env.Service.Create(new Entity("task") { ["subject"] = "Call Contoso" });

        var fault = FaultAssert.Throws(DataverseErrorCodes.InvalidArgument, () => env.Service.Create(new Entity("email")
        {
            ["subject"] = "To a task",
            ["to"] = Parties(Party(new EntityReference("task", task))),
        }));

        Assert.Contains("A party of type 'task' cannot be a party of 'email.to'", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APartyListValue_MustBeActivityPartiesNamingAPartyOrAnAddress()
    {
        using var env = DataverseTestBuilder.ALocalDataverse().Build();
        var (account, _) = ACustomer(env);

        FaultAssert.Throws(DataverseErrorCodes.InvalidArgument, () => env.Service.Create(new Entity("email")
        {
            ["subject"] = "Reference instead of parties",
            ["to"] = new EntityReference("account", account),
        }));
        FaultAssert.Throws(DataverseErrorCodes.InvalidArgument, () => env.Service.Create(new Entity("email")
        {
            ["subject"] = "An account entity instead of a party",
            ["to"] = Parties(new Entity("account", account)),
        }));
        var empty = FaultAssert.Throws(DataverseErrorCodes.InvalidArgument, () => env.Service.Create(new Entity("email")
        {
            ["subject"] = "A party with nothing",
            ["to"] = Parties(new Entity("activityparty")),
        }));
        Assert.Contains("neither a partyid nor an addressused", empty.Message, StringComparison.Ordinal);
        FaultAssert.Throws(DataverseErrorCodes.ObjectDoesNotExist, () => env.Service.Create(new Entity("email")
        {
            ["subject"] = "To nobody",
            ["to"] = Parties(Party(new EntityReference("contact", Guid.NewGuid()))),
        }));
    }

    [Fact]
    public void TheActivityPartyTable_SupportsRetrieveMultipleOnly()
    {
        using var env = DataverseTestBuilder.ALocalDataverse().Build();
        var (account, _) = ACustomer(env);
        var email = env.Service.Create(new Entity("email") { ["subject"] = "Reminder", ["to"] = Parties(Party(new EntityReference("account", account))) });
        var party = env.Service.RetrieveMultiple(new QueryExpression("activityparty") { ColumnSet = new ColumnSet("activityid") }).Entities.Single().Id;

        FaultAssert.Throws(DataverseErrorCodes.SdkEntityDoesNotSupportMessage, () =>
            env.Service.Create(new Entity("activityparty") { ["activityid"] = new EntityReference("email", email), ["partyid"] = new EntityReference("account", account), ["participationtypemask"] = new OptionSetValue(2) }));
        FaultAssert.Throws(DataverseErrorCodes.SdkEntityDoesNotSupportMessage, () => env.Service.Update(new Entity("activityparty", party) { ["addressused"] = "x@contoso.example" }));
        FaultAssert.Throws(DataverseErrorCodes.SdkEntityDoesNotSupportMessage, () => env.Service.Retrieve("activityparty", party, new ColumnSet("partyid")));
        FaultAssert.Throws(DataverseErrorCodes.SdkEntityDoesNotSupportMessage, () => env.Service.Delete("activityparty", party));
    }

    [Fact]
    public void APartyListColumnNamedInAQuery_FailsLoudly()
    {
        using var env = DataverseTestBuilder.ALocalDataverse().Build();

        var fault = FaultAssert.Throws(DataverseErrorCodes.UnexpectedError, () =>
            env.Service.RetrieveMultiple(new QueryExpression("email") { ColumnSet = new ColumnSet("subject", "to") }));

        Assert.Contains("does not implement the PartyList column 'email.to' in a query", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AUserReadsThePartiesOfTheEmailsTheyCanRead_AndNoOthers()
    {
        using var env = DataverseTestBuilder.ALocalDataverse().Build();
        var (account, _) = ACustomer(env);
        var colin = env.AUser("Colin Collector").WithRole(SolutionRoles.Collector).Create();
        var cora = env.AUser("Cora Collector").WithRole(SolutionRoles.Collector).Create();
        var his = env.Service.Create(new Entity("email") { ["subject"] = "Colin's", ["ownerid"] = new EntityReference("systemuser", colin), ["to"] = Parties(Party(new EntityReference("account", account))) });
        env.Service.Create(new Entity("email") { ["subject"] = "Cora's", ["ownerid"] = new EntityReference("systemuser", cora), ["to"] = Parties(Party(new EntityReference("account", account))) });

        var seen = env.As(colin).RetrieveMultiple(new QueryExpression("activityparty") { ColumnSet = new ColumnSet("activityid") }).Entities;

        Assert.Equal(his, Assert.Single(seen).GetAttributeValue<EntityReference>("activityid").Id);
        Assert.Equal(2, env.Service.RetrieveMultiple(new QueryExpression("activityparty") { ColumnSet = new ColumnSet("activityid") }).Entities.Count);
    }

    private static (Guid Account, Guid Contact) ACustomer(DataverseTestContext env)
    {
        var account = env.Service.Create(new Entity("account") { ["name"] = "Contoso", ["emailaddress1"] = "billing@contoso.example" });
        var contact = env.Service.Create(new Entity("contact") { ["lastname"] = "Payable", ["emailaddress1"] = "ap@contoso.example", ["parentcustomerid"] = new EntityReference("account", account) });
        return (account, contact);
    }

    private static EntityCollection Parties(params Entity[] parties) => new([.. parties]);

    private static Entity Party(EntityReference who) => new("activityparty") { ["partyid"] = who };

    private static Entity Address(string address) => new("activityparty") { ["addressused"] = address };
}
