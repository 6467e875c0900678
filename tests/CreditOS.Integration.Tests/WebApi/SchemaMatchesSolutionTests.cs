using CreditOS.Integration.Worker.Dataverse;
using CreditOS.Integration.Worker.Messages.Canonical;
using CreditOS.Solution.Metadata;

namespace CreditOS.Integration.Tests.WebApi;

/// <summary>The worker keeps its own Web API names; they must be the solution's.</summary>
public sealed class SchemaMatchesSolutionTests
{
    private static readonly MetadataCatalog Catalog = SolutionMetadataLoader.LoadEmbedded();

    public static TheoryData<string, string[]> TablesAndColumns() => new()
    {
        { DataverseSchema.Payment.EntitySet, [DataverseSchema.Payment.SourceSystem, DataverseSchema.Payment.ErpId, DataverseSchema.Payment.Account, DataverseSchema.Payment.Amount, DataverseSchema.Payment.Currency, DataverseSchema.Payment.PaymentDate, DataverseSchema.Payment.AppliedInvoices] },
        { DataverseSchema.Receivable.EntitySet, [DataverseSchema.Receivable.SourceSystem, DataverseSchema.Receivable.ErpId, DataverseSchema.Receivable.Account, DataverseSchema.Receivable.InvoiceNumber, DataverseSchema.Receivable.InvoiceDate, DataverseSchema.Receivable.DueDate, DataverseSchema.Receivable.Amount, DataverseSchema.Receivable.OpenAmount, DataverseSchema.Receivable.SettledOn, DataverseSchema.Receivable.IsDisputed, DataverseSchema.Receivable.Currency] },
        { DataverseSchema.BureauReport.EntitySet, [DataverseSchema.BureauReport.ExternalId, DataverseSchema.BureauReport.Account, DataverseSchema.BureauReport.SolvencyScore, DataverseSchema.BureauReport.Rating, DataverseSchema.BureauReport.RecommendedCredit, DataverseSchema.BureauReport.DaysBeyondTerms, DataverseSchema.BureauReport.HasJudgment, DataverseSchema.BureauReport.HasLien, DataverseSchema.BureauReport.ReportDate, DataverseSchema.BureauReport.Bureau] },
        { DataverseSchema.SalesOrder.EntitySet, [DataverseSchema.SalesOrder.Id, "customerid", DataverseSchema.SalesOrder.TotalAmount, DataverseSchema.SalesOrder.Name, DataverseSchema.SalesOrder.Channel, DataverseSchema.SalesOrder.ChannelOrderRef, DataverseSchema.SalesOrder.Currency, DataverseSchema.SalesOrder.CreditStatus, DataverseSchema.SalesOrder.HoldReason] },
        { DataverseSchema.Account.EntitySet, [DataverseSchema.Account.Id, DataverseSchema.Account.AccountNumber, "transactioncurrencyid"] },
        { DataverseSchema.Currency.EntitySet, [DataverseSchema.Currency.Id, DataverseSchema.Currency.IsoCode] },
    };

    [Theory]
    [MemberData(nameof(TablesAndColumns))]
    public void EveryColumnTheWorkerWrites_ExistsInTheSolution(string entitySet, string[] columns)
    {
        var table = Catalog.FindTableByEntitySet(entitySet);

        Assert.NotNull(table);
        Assert.All(columns, column => Assert.True(table.FindColumn(column) is not null, $"{table.LogicalName}.{column} is not in the solution"));
    }

    [Theory]
    [InlineData(DataverseSchema.Payment.EntitySet, new[] { DataverseSchema.Payment.SourceSystem, DataverseSchema.Payment.ErpId })]
    [InlineData(DataverseSchema.Receivable.EntitySet, new[] { DataverseSchema.Receivable.SourceSystem, DataverseSchema.Receivable.ErpId })]
    [InlineData(DataverseSchema.BureauReport.EntitySet, new[] { DataverseSchema.BureauReport.Bureau, DataverseSchema.BureauReport.ExternalId })]
    [InlineData(DataverseSchema.SalesOrder.EntitySet, new[] { DataverseSchema.SalesOrder.Channel, DataverseSchema.SalesOrder.ChannelOrderRef })]
    [InlineData(DataverseSchema.Account.EntitySet, new[] { DataverseSchema.Account.AccountNumber })]
    public void EveryAlternateKeyTheWorkerAddresses_IsDeclared(string entitySet, string[] keyColumns)
    {
        var table = Catalog.FindTableByEntitySet(entitySet)!;

        Assert.Contains(table.AlternateKeys, key => key.Columns.Order().SequenceEqual(keyColumns.Order()));
    }

    [Fact]
    public void NoAlternateKeyTheWorkerAddresses_IsASingleColumnHoldingTwoIdsJoined()
    {
        // Keys once held "<bureau>:<report id>" and "<channel>:<reference>"; ':' is a character Dataverse cannot resolve in a key.
        Assert.DoesNotContain(Catalog.FindTable(DataverseSchema.BureauReport.Table)!.AlternateKeys, key => key.LogicalName == "cos_bureaureport_externalkey");
        Assert.DoesNotContain(Catalog.FindTable(DataverseSchema.SalesOrder.Table)!.AlternateKeys, key => key.LogicalName == "cos_salesorder_channelorderref");
    }

    public static TheoryData<string, string, string, string> NavigationProperties() => new()
    {
        // A relationship the solution declares is navigated by its lookup's schema name (case-sensitive) …
        { DataverseSchema.Payment.Table, DataverseSchema.Payment.Account, DataverseSchema.Payment.AccountNavigation, "cos_AccountId" },
        { DataverseSchema.Payment.Table, DataverseSchema.Payment.Currency, DataverseSchema.Payment.CurrencyNavigation, "TransactionCurrencyId" },
        { DataverseSchema.Receivable.Table, DataverseSchema.Receivable.Account, DataverseSchema.Receivable.AccountNavigation, "cos_AccountId" },
        { DataverseSchema.Receivable.Table, DataverseSchema.Receivable.Currency, DataverseSchema.Receivable.CurrencyNavigation, "TransactionCurrencyId" },
        { DataverseSchema.BureauReport.Table, DataverseSchema.BureauReport.Account, DataverseSchema.BureauReport.AccountNavigation, "cos_AccountId" },

        // … a standard table's own relationship by the lowercase name, a lookup with several targets by column_target.
        { DataverseSchema.SalesOrder.Table, DataverseSchema.SalesOrder.Currency, DataverseSchema.SalesOrder.CurrencyNavigation, "transactioncurrencyid" },
        { DataverseSchema.SalesOrder.Table, DataverseSchema.SalesOrder.Customer, DataverseSchema.SalesOrder.CustomerNavigation, "customerid_account" },
    };

    [Theory]
    [MemberData(nameof(NavigationProperties))]
    public void EveryLookupTheWorkerBinds_UsesTheNavigationPropertyDataverseDeclares(string table, string column, string derived, string dataverseName)
    {
        var declared = CreditOS.Solution.Metadata.NavigationProperties.Find(Catalog, Catalog.FindTable(table)!, derived);

        Assert.Equal(dataverseName, derived);
        Assert.NotNull(declared);
        Assert.Equal(column, declared.Column);
    }

    [Fact]
    public void ChoiceValues_MatchTheSolutionOptions()
    {
        var order = Catalog.FindTableByEntitySet(DataverseSchema.SalesOrder.EntitySet)!;
        var channelValues = order.FindColumn(DataverseSchema.SalesOrder.Channel)!.Options.Select(option => option.Value).ToList();
        var statusValues = order.FindColumn(DataverseSchema.SalesOrder.CreditStatus)!.Options.Select(option => option.Value).ToList();
        var ratingValues = Catalog.FindTableByEntitySet(DataverseSchema.BureauReport.EntitySet)!.FindColumn(DataverseSchema.BureauReport.Rating)!.Options.Select(option => option.Value).ToList();

        Assert.All(Enum.GetValues<SalesChannel>(), channel => Assert.Contains((int)channel, channelValues));
        Assert.Contains(DataverseSchema.SalesOrder.CreditStatusOnHold, statusValues);
        Assert.All(DataverseSchema.BureauReport.RatingOptions.Values, value => Assert.Contains(value, ratingValues));
    }

    [Fact]
    public void ScheduledTrigger_IsTheSolutionsScheduledScoreTrigger()
    {
        var trigger = Catalog.FindTable("cos_creditscorehistory")!.FindColumn("cos_trigger")!;

        var scheduled = Assert.Single(trigger.Options, option => option.Value == DataverseSchema.Account.ScheduledTrigger);
        Assert.Equal("Scheduled", scheduled.Label);
    }
}
