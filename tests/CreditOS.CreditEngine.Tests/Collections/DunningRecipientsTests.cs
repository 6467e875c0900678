using CreditOS.CreditEngine.Collections.Dunning;

namespace CreditOS.CreditEngine.Tests.Collections;

/// <summary>Who a dunning letter goes to and comes from, who an escalation copies, and the note when there is no address.</summary>
public sealed class DunningRecipientsTests
{
    private static readonly Guid AccountId = Guid.NewGuid();
    private static readonly Guid ContactId = Guid.NewGuid();
    private static readonly Guid Collector = Guid.NewGuid();
    private static readonly Guid Owner = Guid.NewGuid();
    private static readonly Guid FinanceQueue = Guid.NewGuid();

    private static DunningAddressBook Book(string? accountEmail = "billing@contoso.example", Guid? contact = null, string? contactEmail = null, Guid? collector = null, bool ownerIsUser = true) =>
        new(AccountId, "Contoso", accountEmail, contact, contact is null ? null : "Pat Payable", contactEmail, collector, Owner, ownerIsUser);

    [Fact]
    public void TheLetterGoesToThePrimaryContact_WhenTheContactHasAnAddress_FromTheCollector()
    {
        var addressing = DunningRecipients.For(Book(contact: ContactId, contactEmail: " ap@contoso.example ", collector: Collector), escalates: false, FinanceQueue);

        Assert.Equal(new DunningParty(DunningPartyKind.Contact, ContactId, "ap@contoso.example"), addressing.To);
        Assert.Equal(new DunningParty(DunningPartyKind.User, Collector, null), addressing.From);
        Assert.Empty(addressing.Cc);
        Assert.Null(addressing.MissingAddressNote);
    }

    [Fact]
    public void WithoutAContactAddress_TheLetterGoesToTheAccount_FromTheOwnerWhenNoCollector()
    {
        var addressing = DunningRecipients.For(Book(contact: ContactId, contactEmail: "  "), escalates: false, FinanceQueue);

        Assert.Equal(new DunningParty(DunningPartyKind.Account, AccountId, "billing@contoso.example"), addressing.To);
        Assert.Equal(new DunningParty(DunningPartyKind.User, Owner, null), addressing.From);
    }

    [Fact]
    public void AnEscalation_CopiesTheOwnerAndTheFinanceQueue_ButATeamCannotSendOrBeCopied()
    {
        var byCollector = DunningRecipients.For(Book(collector: Collector), escalates: true, FinanceQueue);
        var teamOwned = DunningRecipients.For(Book(ownerIsUser: false), escalates: true, FinanceQueue);
        var ownerSends = DunningRecipients.For(Book(), escalates: true, FinanceQueue);

        Assert.Equal([new DunningParty(DunningPartyKind.User, Owner, null), new DunningParty(DunningPartyKind.Queue, FinanceQueue, null)], byCollector.Cc);
        Assert.Null(teamOwned.From);
        Assert.Equal([new DunningParty(DunningPartyKind.Queue, FinanceQueue, null)], teamOwned.Cc);
        Assert.Equal(Owner, ownerSends.From!.Id);
        Assert.Equal([new DunningParty(DunningPartyKind.Queue, FinanceQueue, null)], ownerSends.Cc);
    }

    [Fact]
    public void ALetterWithNoAddress_HasNoRecipient_AndOpensWithANoteForTheCollector()
    {
        var noContact = DunningRecipients.For(Book(accountEmail: null, collector: Collector), escalates: false, FinanceQueue);
        var contactWithout = DunningRecipients.For(Book(accountEmail: "", contact: ContactId, contactEmail: null), escalates: false, FinanceQueue);

        Assert.Null(noContact.To);
        Assert.Equal(Collector, noContact.From!.Id);
        Assert.Equal(
            "[creditOS] NO RECIPIENT: Contoso has no primary contact and the account has no email address, so this letter has no recipient. Add the customer's address (To) before sending it.",
            noContact.MissingAddressNote);
        Assert.Contains("the primary contact Pat Payable has no email address", contactWithout.MissingAddressNote, StringComparison.Ordinal);
        Assert.StartsWith(noContact.MissingAddressNote + "\n\nDear Contoso", DunningRecipients.Body(noContact, "Dear Contoso"), StringComparison.Ordinal);
        Assert.Equal("Dear Contoso", DunningRecipients.Body(DunningRecipients.For(Book(), false, FinanceQueue), "Dear Contoso"));
    }
}
