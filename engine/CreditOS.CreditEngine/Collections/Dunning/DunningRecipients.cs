using System.Globalization;

namespace CreditOS.CreditEngine.Collections.Dunning;

/// <summary>Who a letter can go to or come from: an account, a contact, a user or a queue (the kinds of party an email takes).</summary>
public enum DunningPartyKind
{
    Account,
    Contact,
    User,
    Queue,
}

/// <summary>A party of a letter; <paramref name="Address"/> is the email address it is sent to, when the rule chose one.</summary>
public sealed record DunningParty(DunningPartyKind Kind, Guid Id, string? Address);

/// <summary>
/// What dunning knows of the customer's addresses and people: the account's email, its primary contact (if any) with the
/// contact's name and email, the collector and the owner (the owner is a user, or a team when <paramref name="OwnerIsUser"/> is false).
/// </summary>
public sealed record DunningAddressBook(
    Guid AccountId,
    string AccountName,
    string? AccountEmail,
    Guid? PrimaryContactId,
    string? PrimaryContactName,
    string? PrimaryContactEmail,
    Guid? CollectorId,
    Guid? OwnerId,
    bool OwnerIsUser);

/// <summary>
/// The letter's parties. <paramref name="To"/> is null when there is no address to send to; the letter is drafted all the
/// same and <paramref name="MissingAddressNote"/> says so, for the collector, at the top of its text.
/// </summary>
public sealed record DunningAddressing(DunningParty? To, DunningParty? From, IReadOnlyList<DunningParty> Cc, string? MissingAddressNote);

/// <summary>
/// Addresses a dunning letter: to the account's primary contact when that contact has an email address, else to the
/// account itself at its own address; from the assigned collector, else the account owner (a team cannot send: then
/// no sender, and whoever sends it sends it as themselves); a step that escalates copies the account owner (when a user)
/// and Finance (the Finance approvers' queue). A letter with no address is never dropped: it has no recipient and
/// carries a note for the collector, who finds or adds the address before sending.
/// </summary>
public static class DunningRecipients
{
    public const string MissingAddressPrefix = "[creditOS] NO RECIPIENT:";

    public static DunningAddressing For(DunningAddressBook book, bool escalates, Guid financeQueueId)
    {
        Require.NotNull(book, "The account's addresses");
        DunningParty? to = null;
        string? note = null;
        if (book.PrimaryContactId is { } contact && HasAddress(book.PrimaryContactEmail))
        {
            to = new DunningParty(DunningPartyKind.Contact, contact, book.PrimaryContactEmail!.Trim());
        }
        else if (HasAddress(book.AccountEmail))
        {
            to = new DunningParty(DunningPartyKind.Account, book.AccountId, book.AccountEmail!.Trim());
        }
        else
        {
            var contactPart = book.PrimaryContactId is null
                ? book.AccountName + " has no primary contact"
                : "the primary contact " + (book.PrimaryContactName ?? book.PrimaryContactId.Value.ToString()) + " has no email address";
            note = string.Format(
                CultureInfo.InvariantCulture,
                "{0} {1} and the account has no email address, so this letter has no recipient. Add the customer's address (To) before sending it.",
                MissingAddressPrefix,
                contactPart);
        }

        DunningParty? from = book.CollectorId is { } collector ? new DunningParty(DunningPartyKind.User, collector, null)
            : book.OwnerId is { } owner && book.OwnerIsUser ? new DunningParty(DunningPartyKind.User, owner, null)
            : null;
        var cc = new List<DunningParty>();
        if (escalates)
        {
            if (book.OwnerId is { } accountOwner && book.OwnerIsUser && accountOwner != from?.Id)
            {
                cc.Add(new DunningParty(DunningPartyKind.User, accountOwner, null));
            }

            cc.Add(new DunningParty(DunningPartyKind.Queue, financeQueueId, null));
        }

        return new DunningAddressing(to, from, cc, note);
    }

    /// <summary>The letter's text for the collector: the note first when there is no recipient.</summary>
    public static string Body(DunningAddressing addressing, string body)
    {
        Require.NotNull(addressing, "The letter's addressing");
        return addressing.MissingAddressNote is { } note ? note + "\n\n" + body : body;
    }

    private static bool HasAddress(string? email) => !string.IsNullOrWhiteSpace(email);
}
