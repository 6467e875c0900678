using System.Xml.Linq;
using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Solution.Files;
using CreditOS.Solution.Metadata;
using CreditOS.Solution.Validation;

namespace CreditOS.Solution.Tests.Validation;

/// <summary>Who may do what, as the roles in src/Roles grant it.</summary>
public sealed class SecurityRoleTests
{
    private const string SalesRep = "creditOS Sales Rep";
    private const string FinanceApprover = "creditOS Finance Approver";
    private const string CreditAdministrator = "creditOS Credit Administrator";
    private const string Integration = "creditOS Integration";
    private const string Collector = "creditOS Collector";
    private static readonly string[] ChangingAccesses = ["Create", "Write", "Delete"];
    private static readonly string[] CreditConfiguration = ["cos_credittier", "cos_creditpolicy", "cos_scoringruleset", "cos_scoringrule", "cos_tiermatrixcell", "cos_approvalrouting", "cos_approvalauthority"];
    private static readonly MetadataCatalog Catalog = SolutionMetadataLoader.LoadEmbedded();

    [Fact]
    public void Solution_HasExactlyTheFiveCreditRoles()
    {
        Assert.Equal([Collector, CreditAdministrator, FinanceApprover, Integration, SalesRep], Roles().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Collector_RecordsPromisesButChangesNoAccountReceivablePaymentScoreOrConfiguration()
    {
        var changes = Changeable(Collector);
        var activities = Roles()[Collector].Where(p => p.TableSchemaName == ActivityPrivilege.SchemaName).ToList();

        // Activities: the collector works their own action items (tasks) and reviews their own draft dunning emails.
        Assert.Equal(["cos_promisetopay", "email", "task"], changes.Order(StringComparer.Ordinal));
        Assert.Equal(["Read", "Write"], activities.Select(p => p.Access).Order(StringComparer.Ordinal));
        Assert.All(activities, p => Assert.Equal("Basic", p.Level));
    }

    [Fact]
    public void SalesRep_CannotChangeScoresHistoryApprovalsOrConfiguration()
    {
        var changes = Changeable(SalesRep);

        Assert.Empty(changes.Intersect([.. CreditConfiguration, "cos_creditscorehistory", "cos_creditapprovalrequest", "cos_creditalert", "cos_payment", "cos_receivable", "cos_bureaureport"]));
        Assert.Contains("salesorder", changes);
    }

    [Fact]
    public void SalesRep_ReadsCreditStatusTiersAndPolicies()
    {
        var reads = Tables(SalesRep, "Read");

        Assert.Superset(new HashSet<string> { "account", "salesorder", "cos_credittier", "cos_creditpolicy", "cos_creditscorehistory", "cos_creditapprovalrequest" }, reads);
    }

    [Fact]
    public void SalesRep_SeesCreditColumnsButMayNotChangeThem()
    {
        var readers = FieldProfile("creditOS Credit Readers");

        Assert.Contains(readers, p => p.Column == "creditlimit");
        Assert.Contains(readers, p => p.Column == "cos_exposure");
        Assert.Contains(readers, p => p.Column == "cos_creditstatus");
        Assert.All(readers, p => Assert.Equal((true, false, false), (p.Read, p.Create, p.Update)));
    }

    [Fact]
    public void FinanceApprover_DecidesApprovals_ButChangesLimitsOnlyThroughRequests()
    {
        Assert.Contains("cos_creditapprovalrequest", Changeable(FinanceApprover));
        Assert.Contains(FieldProfile("creditOS Credit Deciders"), p => p.Column == "creditlimit" && p.Read);
        Assert.All(FieldProfile("creditOS Credit Deciders"), p => Assert.False(p.Create || p.Update, p.Column));
        Assert.Empty(Changeable(FinanceApprover).Intersect(CreditConfiguration));
    }

    [Fact]
    public void EveryCreditOwnedColumn_IsSecured_AndNoProfileLetsAPersonWriteIt()
    {
        var owned = CreditOwnedColumns.Account.Select(c => (Table: "account", Column: c))
            .Concat(CreditOwnedColumns.SalesOrder.Select(c => (Table: "salesorder", Column: c)));

        Assert.All(owned, c => Assert.True(Catalog.FindTable(c.Table)!.FindColumn(c.Column)!.IsSecured, c.Table + "." + c.Column + " is not secured"));
        Assert.All(
            FieldSecurityProfileReader.Read(new DirectorySolutionFileSource(TestPaths.SolutionDirectory)).SelectMany(p => p.Permissions),
            p => Assert.False(p.CanCreate || p.CanUpdate, p.Table + "." + p.Column));
    }

    [Fact]
    public void CreditAdministrator_ConfiguresTiersPoliciesAndScoring()
    {
        Assert.Superset(new HashSet<string>(CreditConfiguration), Changeable(CreditAdministrator));
        Assert.DoesNotContain("cos_creditapprovalrequest", Changeable(CreditAdministrator));
    }

    [Fact]
    public void Integration_WritesOnlyErpDataChannelOrdersTheDailyKpiSnapshotAndBureauMonitoringState()
    {
        // account: the bureau monitoring job writes an account's monitoring status, bureau company id and portal link
        // (its credit columns stay the credit flow's: the server-side guard refuses them to the worker too).
        // cos_creditscorehistory (session 25): Create only, for the rows a nightly page sealed; the history guard admits nothing
        // else from it and SealedPictureGuardPlugin opens the sealed picture or refuses the row.
        Assert.Equal(["account", "cos_bureaureport", "cos_creditscorehistory", "cos_payment", "cos_portfoliokpi", "cos_receivable", "salesorder"], Changeable(Integration).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(Roles()[Integration], p => p.TableSchemaName == "cos_CreditScoreHistory" && p.Access is "Read" or "Write" or "Delete");
    }

    [Fact]
    public void NoRole_HasAnyPrivilegeOnTheSealKey()
    {
        // Session 25: the nightly seal key is read by SYSTEM (the plug-ins) and a System Administrator only (integration/README).
        Assert.All(Roles(), role => Assert.DoesNotContain(role.Value, p => p.TableSchemaName == "cos_SealKey"));
    }

    [Fact]
    public void SalesRep_ReadsWhatTheCreditPanelShows_InItsBusinessUnit_AndNothingMore()
    {
        Assert.Equal(
            ["account", "contact", "cos_bureauchange", "cos_bureaureport", "cos_creditalert", "cos_creditapplication", "cos_creditapprovalrequest", "cos_creditpolicy", "cos_creditscorehistory", "cos_credittier", "cos_customermessage", "cos_messagecode", "cos_promisetopay", "cos_receivable", "cos_suspensionlift", "salesorder", "transactioncurrency"],
            Tables(SalesRep, "Read").Order(StringComparer.Ordinal));
        var panelReads = Roles()[SalesRep].Where(p => p.Access == "Read" && p.TableSchemaName is "cos_Receivable" or "cos_PromiseToPay").ToList();
        Assert.Equal(2, panelReads.Count);
        Assert.All(panelReads, p => Assert.Equal("Local", p.Level));

        // Controls round 21 (session 28): bureau reports at Basic: the credit flow gives a report filed on an account to the
        // account's owner, so a rep reads his customers' reports and never one the worker holds on no account.
        Assert.Equal("Basic", Assert.Single(Roles()[SalesRep], p => p.Access == "Read" && p.TableSchemaName == "cos_BureauReport").Level);
    }

    [Fact]
    public void NoPortalOrExternalAccess_IsDefinedAnywhere()
    {
        var portalMarkers = new[] { "adx_", "mspp_", "powerpage", "webrole", "entitypermission" };
        var files = Directory.EnumerateFiles(Path.Combine(TestPaths.SolutionDirectory, "src"), "*", SearchOption.AllDirectories);

        var leaks = files.Where(f => portalMarkers.Any(m => File.ReadAllText(f).Contains(m, StringComparison.OrdinalIgnoreCase))).ToList();

        Assert.Empty(leaks);
        Assert.DoesNotContain(Roles().Keys, r => r.Contains("portal", StringComparison.OrdinalIgnoreCase) || r.Contains("customer", StringComparison.OrdinalIgnoreCase));
    }

    private static Dictionary<string, List<RolePrivilege>> Roles() =>
        Directory.GetFiles(Path.Combine(TestPaths.SolutionDirectory, "src", "Roles"), "*.xml")
            .Select(f => XDocument.Load(f).Root!)
            .ToDictionary(
                r => (string)r.Attribute("name")!,
                r => r.Descendants("RolePrivilege").Select(p => RolePrivilege.Parse((string)p.Attribute("name")!, (string)p.Attribute("level")!)!).ToList());

    private static HashSet<string> Tables(string role, params string[] accesses) =>
        [.. Roles()[role].Where(p => accesses.Contains(p.Access)).SelectMany(p => string.Equals(p.TableSchemaName, ActivityPrivilege.SchemaName, StringComparison.OrdinalIgnoreCase)
            ? Catalog.Tables.Where(t => t.IsActivity).Select(t => t.LogicalName)
            : [Catalog.Tables.Single(t => string.Equals(t.SchemaName, p.TableSchemaName, StringComparison.OrdinalIgnoreCase)).LogicalName])];

    private static HashSet<string> Changeable(string role) => Tables(role, ChangingAccesses);

    private static List<(string Column, bool Read, bool Create, bool Update)> FieldProfile(string name) =>
        [.. FieldSecurityProfileReader.Read(new DirectorySolutionFileSource(TestPaths.SolutionDirectory))
            .Single(p => p.Name == name).Permissions
            .Select(p => (p.Column, p.CanRead, p.CanCreate, p.CanUpdate))];
}
