using CreditOS.Solution.Metadata;

namespace CreditOS.Integration.Worker.Dataverse;

/// <summary>
/// Web API names of the tables and columns the worker writes. They match the solution's metadata
/// (solution/src/Entities); the worker speaks OData and so keeps its own copy instead of the SDK constants.
/// Navigation property names (for @odata.bind) are not kept here: they are derived from the solution's
/// relationships (<see cref="Navigation"/>), because Dataverse names them differently per relationship and
/// compares them case-sensitively.
/// </summary>
public static class DataverseSchema
{
    public static class Account
    {
        public const string Table = "account";
        public const string EntitySet = "accounts";
        public const string Id = "accountid";
        public const string AccountNumber = "accountnumber";
        public const string CurrencyValue = "_transactioncurrencyid_value";

        /// <summary>The bound Custom API that rescores one account (the plug-in's RescoreAccountPlugin).</summary>
        public const string RescoreAction = "Microsoft.Dynamics.CRM.cos_RescoreAccount";

        /// <summary>The action's optional Picklist parameter naming why the account is rescored (choice cos_scoretrigger).</summary>
        public const string RescoreTrigger = "Trigger";

        /// <summary>The global Custom API that rescores a page of accounts set-based (the plug-in's RescoreAccountPagePlugin).</summary>
        public const string RescorePageAction = "cos_RescoreAccountPage";

        /// <summary>The page's optional Boolean asking for its changed worklist rows back (session 21), and the response property carrying them.</summary>
        public const string RescorePageReturnWorklistRows = "ReturnWorklistRows";

        public const string RescorePageWorklistRows = "WorklistRows";

        /// <summary>The page's optional Integer (session 22): how many seconds the worker waits; rows ready later are written by the page itself.</summary>
        public const string RescorePageHandBackWithinSeconds = "HandBackWithinSeconds";

        /// <summary>Session 25: the scoring half of a two-call night hands its plain accounts and history rows back sealed.</summary>
        public const string RescorePageReturnSealedRows = "ReturnSealedRows";

        /// <summary>Session 25: the collections half of a two-call night, after the sealed rows are written.</summary>
        public const string RescorePageCollectionsOnly = "CollectionsOnly";

        /// <summary>The sealed account pictures (JSON text by table, each row its id and cos_sealedpicture).</summary>
        public const string RescorePageSealedAccounts = "SealedAccounts";

        /// <summary>The sealed score-history rows, created before the accounts are written.</summary>
        public const string RescorePageSealedHistory = "SealedHistory";

        /// <summary>
        /// Session 28: the scoring call's sealed settled payment behaviour (one line an account), handed to the collections call as its
        /// request parameter of the same name so that call does not read the page's receivables again.
        /// </summary>
        public const string RescorePageSealedBehaviour = "SealedBehaviour";

        /// <summary>Its StringArray parameter: the page's account ids.</summary>
        public const string RescorePageAccountIds = "AccountIds";

        /// <summary>cos_scoretrigger's "Scheduled" value: the score history records the batch as scheduled scoring.</summary>
        public const int ScheduledTrigger = 412500001;
    }

    public static class Currency
    {
        public const string Table = "transactioncurrency";
        public const string EntitySet = "transactioncurrencies";
        public const string Id = "transactioncurrencyid";
        public const string IsoCode = "isocurrencycode";

        /// <summary>How many of this currency one unit of the organization's base currency is worth (base = amount ÷ rate).</summary>
        public const string ExchangeRate = "exchangerate";

        /// <summary>The decimals Dataverse keeps for money in this currency (it rounds a value with more on save).</summary>
        public const string Precision = "currencyprecision";
    }

    public static class Payment
    {
        public const string Table = "cos_payment";
        public const string EntitySet = "cos_payments";
        public const string SourceSystem = "cos_sourcesystem";
        public const string ErpId = "cos_erpid";
        /// <summary>The primary name: the ERP's payment id, which people (and a released order's reason) know it by.</summary>
        public const string Name = "cos_name";
        public const string Account = "cos_accountid";
        public static readonly string AccountNavigation = Navigation(Table, Account, DataverseSchema.Account.Table);
        public static readonly string CurrencyNavigation = Navigation(Table, Currency, DataverseSchema.Currency.Table);
        public const string Amount = "cos_amount";
        public const string Currency = "transactioncurrencyid";
        public const string PaymentDate = "cos_paymentdate";
        public const string AppliedInvoices = "cos_appliedinvoices";
        public const string DiscountTaken = "cos_discounttaken";
        public const string ReversalId = "cos_reversalid";
        public const string ReversalReason = "cos_reversalreason";
        public const string ReversedOn = "cos_reversedon";
        public const string ReversalAmount = "cos_reversalamount";
    }

    public static class Receivable
    {
        public const string Table = "cos_receivable";
        public const string EntitySet = "cos_receivables";
        public const string SourceSystem = "cos_sourcesystem";
        public const string ErpId = "cos_erpid";
        public const string Account = "cos_accountid";
        public static readonly string AccountNavigation = Navigation(Table, Account, DataverseSchema.Account.Table);
        public static readonly string CurrencyNavigation = Navigation(Table, Currency, DataverseSchema.Currency.Table);
        public const string InvoiceNumber = "cos_invoicenumber";
        public const string InvoiceDate = "cos_invoicedate";
        public const string DueDate = "cos_duedate";
        public const string Amount = "cos_amount";
        public const string OpenAmount = "cos_openamount";
        public const string SettledOn = "cos_settledon";
        public const string IsDisputed = "cos_isdisputed";
        public const string DiscountPercent = "cos_discountpercent";
        public const string DiscountDate = "cos_discountdate";

        /// <summary>The broker sequence number of the message the row was last written from, and the scope that numbered it.</summary>
        public const string SourceVersion = "cos_sourceversion";
        public const string SourceVersionScope = "cos_sourceversionscope";

        /// <summary>The broker message id the row was last written from; the plug-in keeps the ids applied in cos_sourcemessages.</summary>
        public const string SourceMessageId = "cos_sourcemessageid";

        /// <summary>Set by the amendment plug-in when the invoice's ERP messages were found applied out of order (SourceMessageLog.OutOfOrderOpening).</summary>
        public const string ErpResyncReason = "cos_erpresyncreason";
        public const string Currency = "transactioncurrencyid";
    }

    public static class BureauReport
    {
        public const string Table = "cos_bureaureport";
        public const string EntitySet = "cos_bureaureports";

        /// <summary>The bureau's own report id; with <see cref="Bureau"/> the alternate key cos_bureaureport_bureaureportid.</summary>
        public const string ExternalId = "cos_externalid";
        public const string Account = "cos_accountid";
        public static readonly string AccountNavigation = Navigation(Table, Account, DataverseSchema.Account.Table);
        public const string SolvencyScore = "cos_solvencyscore";
        public const string Rating = "cos_rating";
        public const string RecommendedCredit = "cos_recommendedcredit";

        /// <summary>The row's currency: the account's, into which the recommended credit is converted (<see cref="Bureau.RecommendedCreditConversion"/>).</summary>
        public const string Currency = "transactioncurrencyid";
        public static readonly string CurrencyNavigation = Navigation(Table, Currency, DataverseSchema.Currency.Table);
        public const string DaysBeyondTerms = "cos_dbtscore";
        public const string HasJudgment = "cos_hasjudgment";
        public const string HasLien = "cos_haslien";
        public const string ReportDate = "cos_reportdate";
        public const string Bureau = "cos_bureau";

        /// <summary>cos_rating options A to E, in order.</summary>
        public static readonly IReadOnlyDictionary<string, int> RatingOptions = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
        {
            ["A"] = 412_500_000,
            ["B"] = 412_500_001,
            ["C"] = 412_500_002,
            ["D"] = 412_500_003,
            ["E"] = 412_500_004,
        };
    }

    public static class SalesOrder
    {
        public const string Table = "salesorder";
        public const string EntitySet = "salesorders";
        public const string Id = "salesorderid";
        public const string Customer = "customerid";
        public static readonly string CustomerNavigation = Navigation(Table, Customer, DataverseSchema.Account.Table);
        public static readonly string CurrencyNavigation = Navigation(Table, Currency, DataverseSchema.Currency.Table);
        public const string TotalAmount = "totalamount";
        public const string Name = "name";
        /// <summary>With <see cref="ChannelOrderRef"/> the alternate key cos_salesorder_channelreference.</summary>
        public const string Channel = "cos_channel";

        /// <summary>The order's reference in its channel (not prefixed by the channel).</summary>
        public const string ChannelOrderRef = "cos_channelorderref";
        public const string Currency = "transactioncurrencyid";

        /// <summary>Set by the order-entry plugin's credit check (choice, see <see cref="CreditStatusOnHold"/>).</summary>
        public const string CreditStatus = "cos_creditstatus";

        /// <summary>The plugin's reason for a hold, readable by the channel.</summary>
        public const string HoldReason = "cos_holdreason";

        /// <summary>The check's hold reason codes, comma-separated (what the channel is told depends on them).</summary>
        public const string HoldReasonCode = "cos_holdreasoncode";

        /// <summary>cos_creditstatus option: held for Finance approval.</summary>
        public const int CreditStatusOnHold = 412_500_003;

        /// <summary>cos_creditstatus option: refused by the credit check (the order is kept, with the reason in cos_holdreason).</summary>
        public const int CreditStatusRefused = 412_500_006;

        /// <summary>cos_creditstatus option: the customer is on prepayment terms; the order waits for its payment (no Finance decision).</summary>
        public const int CreditStatusAwaitingPrepayment = 412_500_007;
    }

    /// <summary>The single-valued navigation property binding <paramref name="column"/> of <paramref name="table"/> to <paramref name="target"/>, from the solution's relationships.</summary>
    public static string Navigation(string table, string column, string target) =>
        NavigationProperties.For(SolutionMetadataLoader.LoadEmbedded(), table, column, target);

    public static string Bind(string entitySet, Guid id) => $"/{entitySet}({id:D})";

    public static string BindProperty(string navigationProperty) => navigationProperty + "@odata.bind";
}
