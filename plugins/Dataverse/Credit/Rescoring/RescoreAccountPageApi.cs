namespace CreditOS.Dataverse.Credit.Rescoring;

/// <summary>
/// The global Custom API the integration worker's nightly batch calls once per page of accounts: set-based rescoring
/// (<see cref="AccountPageRescoring"/>) inside Dataverse, as SYSTEM, in the page's own transaction.
/// </summary>
public static class RescoreAccountPageApi
{
    public const string UniqueName = "cos_RescoreAccountPage";

    /// <summary>Request parameters.</summary>
    public static class Request
    {
        /// <summary>The page's account ids (StringArray of GUIDs), at most <see cref="AccountPageRescoring.MaximumAccounts"/>.</summary>
        public const string AccountIds = "AccountIds";

        /// <summary>Optional cos_scoretrigger value (Picklist); scheduled when absent.</summary>
        public const string Trigger = "Trigger";
    }

    /// <summary>Response properties.</summary>
    public static class Response
    {
        public const string Assessed = "Assessed";
        public const string Written = "Written";
        public const string Changed = "Changed";
        public const string Released = "Released";
        public const string Failures = "Failures";
    }
}
