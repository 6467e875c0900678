using CreditOS.Solution.Metadata;

namespace CreditOS.Solution.Tests.Metadata;

public sealed class EmbeddedCatalogTests
{
    private static readonly MetadataCatalog Catalog = SolutionMetadataLoader.LoadEmbedded();

    [Theory]
    [InlineData("account", "accounts", true)]
    [InlineData("salesorder", "salesorders", true)]
    [InlineData("cos_payment", "cos_payments", false)]
    [InlineData("cos_receivable", "cos_receivables", false)]
    [InlineData("cos_bureaureport", "cos_bureaureports", false)]
    [InlineData("cos_creditpolicy", "cos_creditpolicies", false)]
    [InlineData("cos_creditapprovalrequest", "cos_creditapprovalrequests", false)]
    [InlineData("teammembership", "teammemberships", true)]
    public void Table_IsFoundByLogicalNameAndEntitySet(string logicalName, string entitySet, bool isStandard)
    {
        var table = Catalog.FindTable(logicalName);

        Assert.NotNull(table);
        Assert.Same(table, Catalog.FindTableByEntitySet(entitySet));
        Assert.Equal(isStandard, table.IsStandard);
    }

    [Theory]
    [InlineData("cos_payment", "cos_payment_erpkey", "cos_sourcesystem,cos_erpid")]
    [InlineData("cos_payment", "cos_payment_reversalkey", "cos_sourcesystem,cos_reversalid")]
    [InlineData("cos_receivable", "cos_receivable_erpkey", "cos_sourcesystem,cos_erpid")]
    [InlineData("cos_bureaureport", "cos_bureaureport_bureaureportid", "cos_bureau,cos_externalid")]
    [InlineData("account", "account_accountnumber", "accountnumber")]
    [InlineData("salesorder", "cos_salesorder_channelreference", "cos_channel,cos_channelorderref")]
    [InlineData("cos_creditalert", "cos_creditalert_crossingkey", "cos_crossingkey")]
    public void AlternateKey_NamesItsColumns(string table, string key, string columns)
    {
        var definition = Catalog.FindTable(table)!.AlternateKeys.Single(k => k.LogicalName == key);

        Assert.Equal(columns.Split(','), definition.Columns);
    }

    [Theory]
    [InlineData("cos_payment", "cos_accountid", "account")]
    [InlineData("salesorder", "customerid", "account,contact")]
    [InlineData("account", "cos_credittierid", "cos_credittier")]
    [InlineData("cos_credittier", "cos_creditpolicyid", "cos_creditpolicy")]
    [InlineData("queueitem", "objectid", "cos_creditapprovalrequest")]
    [InlineData("cos_payment", "ownerid", "systemuser,team")]
    [InlineData("cos_payment", "createdby", "systemuser")]
    public void Lookup_TargetsComeFromRelationships(string table, string column, string targets)
    {
        var definition = Catalog.FindTable(table)!.FindColumn(column)!;

        Assert.Equal(targets.Split(',').Order(), definition.Targets.Order());
    }

    [Fact]
    public void StandardColumns_KeepTheirRealTypesAndOptions()
    {
        var account = Catalog.FindTable("account")!;
        var salesOrder = Catalog.FindTable("salesorder")!;

        Assert.Equal(ColumnType.Money, account.FindColumn("creditlimit")!.Type);
        Assert.Equal(ColumnType.Boolean, account.FindColumn("creditonhold")!.Type);
        Assert.Equal([1, 2, 3, 4], account.FindColumn("paymenttermscode")!.Options.Select(o => o.Value));
        Assert.Equal(ColumnType.Customer, salesOrder.FindColumn("customerid")!.Type);
        Assert.Equal(RequiredLevel.SystemRequired, salesOrder.FindColumn("customerid")!.RequiredLevel);
        Assert.Equal(["Active", "Submitted", "Canceled", "Fulfilled", "Invoiced"], salesOrder.FindColumn("statecode")!.Options.Select(o => o.Label));
        Assert.Equal(3, salesOrder.FindColumn("statuscode")!.Options.Single(o => o.Value == 100001).State);
    }

    [Fact]
    public void CustomColumnsOnStandardTables_AreMarkedCustom()
    {
        var account = Catalog.FindTable("account")!;

        Assert.True(account.FindColumn("cos_valuescore")!.IsCustom);
        Assert.False(account.FindColumn("creditlimit")!.IsCustom);
        Assert.Equal(412500000, Catalog.FindTable("salesorder")!.FindColumn("cos_creditstatus")!.Options[0].Value);
    }

    [Theory]
    [InlineData("cos_payment")]
    [InlineData("account")]
    public void UserOwnedTable_GetsTheSystemColumns(string table)
    {
        var columns = Catalog.FindTable(table)!.Columns;

        foreach (var name in new[] { "createdon", "modifiedon", "createdby", "modifiedby", "ownerid", "owningbusinessunit", "statecode", "statuscode", "versionnumber" })
        {
            Assert.True(columns.ContainsKey(name), $"{table} lacks {name}");
        }

        Assert.False(columns["createdon"].IsValidForCreate);
        Assert.Equal(ColumnType.Owner, columns["ownerid"].Type);
    }

    [Fact]
    public void OrganizationOwnedTable_HasNoOwner()
    {
        var policy = Catalog.FindTable("cos_creditpolicy")!;

        Assert.Equal(OwnershipType.OrganizationOwned, policy.Ownership);
        Assert.Null(policy.FindColumn("ownerid"));
        Assert.NotNull(policy.FindColumn("createdon"));
    }

    [Fact]
    public void LoadEmbedded_IsCachedAndEqualToLoadingFromDisk()
    {
        var fromDisk = SolutionMetadataLoader.Load(TestPaths.SolutionDirectory);

        Assert.Same(Catalog, SolutionMetadataLoader.LoadEmbedded());
        Assert.Equal(fromDisk.Tables.Select(t => t.LogicalName).Order(), Catalog.Tables.Select(t => t.LogicalName).Order());
        Assert.Equal(fromDisk.Tables.Sum(t => t.Columns.Count), Catalog.Tables.Sum(t => t.Columns.Count));
    }

    [Fact]
    public void ManyToManyRelationships_NameTheirIntersectTables()
    {
        var membership = Catalog.FindRelationship("teammembership_association")!;

        Assert.Equal(RelationshipType.ManyToMany, membership.Type);
        Assert.Equal("teammembership", membership.IntersectTable);
    }
}
