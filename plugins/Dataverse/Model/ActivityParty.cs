namespace CreditOS.Dataverse.Model;

/// <summary>
/// Table <c>activityparty</c>: one party of an activity (an email's sender, a recipient…). Written only through the
/// activity's PartyList columns (<see cref="Email.Fields.To"/>…); the table itself is read with RetrieveMultiple only.
/// </summary>
public static class ActivityParty
{
    public const string EntityLogicalName = "activityparty";
    public const string EntitySetName = "activityparties";
    public const string PrimaryIdAttribute = "activitypartyid";

    public static class Fields
    {
        public const string ActivityPartyId = "activitypartyid";
        public const string ActivityId = "activityid";
        public const string PartyId = "partyid";
        public const string ParticipationTypeMask = "participationtypemask";
        public const string AddressUsed = "addressused";
    }
}
