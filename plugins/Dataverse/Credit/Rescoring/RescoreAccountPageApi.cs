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

        /// <summary>
        /// Optional Boolean (session 21): true hands the page's changed worklist rows back in <see cref="Response.WorklistRows"/>
        /// for the caller to write in bulk (UpdateMultiple) instead of one call per row here; false or absent writes them here.
        /// </summary>
        public const string ReturnWorklistRows = "ReturnWorklistRows";

        /// <summary>
        /// Optional Integer (session 22): how many seconds the caller waits for the answer. A page asked for its worklist rows
        /// that has run longer when they are ready writes them itself and hands back none (<c>HandBackDeadline</c>), so a call
        /// the caller gave up on does not lose them. Absent: the rows are always handed back.
        /// </summary>
        public const string HandBackWithinSeconds = "HandBackWithinSeconds";

        /// <summary>
        /// Optional Boolean (session 25): true is the scoring half of a two-call night. The accounts whose write is only their
        /// columns and score-history row are not written but handed back sealed (<see cref="Response.SealedAccounts"/>,
        /// <see cref="Response.SealedHistory"/>) for the caller's bulk writes, history rows first; the others are written here as
        /// before; the collections work does not run (the caller asks for it with <see cref="CollectionsOnly"/> after its writes).
        /// </summary>
        public const string ReturnSealedRows = "ReturnSealedRows";

        /// <summary>
        /// Optional Boolean (session 25): true is the collections half of a two-call night: no scoring, the page's nightly
        /// collections work on the accounts as they are now (after the caller's bulk writes). Scheduled trigger only.
        /// </summary>
        public const string CollectionsOnly = "CollectionsOnly";

        /// <summary>
        /// Optional String (session 28), with <see cref="CollectionsOnly"/>: the scoring call's <see cref="Response.SealedBehaviour"/>
        /// lines, so the collections call does not read the page's receivables and configuration again. A line that does not open for
        /// its account and today is refused and that account's rows are read; absent, every account's rows are read.
        /// </summary>
        public const string SealedBehaviour = "SealedBehaviour";
    }

    /// <summary>Response properties.</summary>
    public static class Response
    {
        public const string Assessed = "Assessed";
        public const string Written = "Written";
        public const string Changed = "Changed";
        public const string Released = "Released";
        public const string Failures = "Failures";

        /// <summary>The worklist rows to write when <see cref="Request.ReturnWorklistRows"/> was true (JSON text, <c>PageRowsJson</c>); empty otherwise.</summary>
        public const string WorklistRows = "WorklistRows";

        /// <summary>The sealed account pictures when <see cref="Request.ReturnSealedRows"/> was true (JSON text, <c>PageRowsJson</c>: id and <c>cos_sealedpicture</c>); empty otherwise.</summary>
        public const string SealedAccounts = "SealedAccounts";

        /// <summary>The sealed score-history rows, to create before the accounts are written; empty unless <see cref="Request.ReturnSealedRows"/>.</summary>
        public const string SealedHistory = "SealedHistory";

        /// <summary>
        /// With <see cref="Request.ReturnSealedRows"/> (session 28): each scored account's settled payment behaviour and the worklist
        /// materiality, sealed for the account and the day (<c>SealedPaymentBehaviour</c>), one line an account, for the collections
        /// call's <see cref="Request.SealedBehaviour"/>; empty otherwise.
        /// </summary>
        public const string SealedBehaviour = "SealedBehaviour";
    }
}
