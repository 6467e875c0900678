using System.Xml.Linq;

namespace CreditOS.Solution.Tests.Validation;

/// <summary>
/// Ways around ownership-based rules and segregation of duties that Dataverse holds by privileges alone, as the roles
/// in src/Roles grant them: merging two accounts (Merge needs prvMerge and prvShareAccount besides Write), sharing a
/// row (GrantAccess/ModifyAccess need prvShare on its table), reassigning accounts and orders, and deleting the rows
/// credit facts hang on. The local Dataverse does not carry out Merge or the Share messages (it refuses them loudly:
/// Plugins.Tests Controls/BulkAndUnsupportedMessageControlTests), so this proves no shipped role could use them.
/// </summary>
public sealed class OwnershipEscapeRoleTests
{
    private static readonly string[] FactTables =
    [
        "Account", "SalesOrder", "cos_Payment", "cos_Receivable", "cos_CreditScoreHistory", "cos_CreditApprovalRequest",
        "cos_CustomerMessage", "cos_BureauReport", "cos_BureauChange", "cos_SuspensionLift", "cos_CreditApplication",
    ];

    [Fact]
    public void NoShippedRole_MayMergeOrShareAnything()
    {
        var granted = Privileges().Where(p => p.Name.StartsWith("prvShare", StringComparison.Ordinal) || p.Name == "prvMerge").ToList();

        Assert.Empty(granted);
    }

    [Fact]
    public void NoShippedRole_MayReassignAccountsOrOrders_OnlyFinanceMovesApprovalRequestsBetweenApprovers()
    {
        var assigns = Privileges().Where(p => p.Name.StartsWith("prvAssign", StringComparison.Ordinal)).Select(p => $"{p.Role}: {p.Name}").ToList();

        // Session 25: the worker creates the score-history rows a nightly page sealed for SYSTEM (as the page's own are), which
        // Dataverse asks Assign for (creating a row owned by oneself would ask Read, and the rows hold the scores its field security
        // withholds). Reassigning a history row is an Update of it, which CreditScoreHistoryGuardPlugin refuses to everyone.
        Assert.Equal(["creditOS Finance Approver: prvAssigncos_CreditApprovalRequest", "creditOS Integration: prvAssigncos_CreditScoreHistory"], assigns.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void NoShippedRole_DeletesTheRowsCreditFactsHangOn()
    {
        var deletes = Privileges().Where(p => FactTables.Any(t => p.Name == "prvDelete" + t)).Select(p => $"{p.Role}: {p.Name}").ToList();

        Assert.Empty(deletes);
    }

    /// <summary>
    /// Controls round 19 (session 26): the platform's ways past the plug-ins or a row at a time. BypassCustomPluginExecution and
    /// BypassBusinessLogicExecution need prvBypassCustomPlugins / prvBypassCustomBusinessLogic ("Bypass custom Dataverse logic");
    /// a bulk delete job needs prvBulkDelete; the data import wizard needs the import tables' privileges (its rows then run the
    /// pipeline as Create and Update); impersonation needs prvActOnBehalfOfAnotherUser. No shipped role holds any of them.
    /// </summary>
    [Fact]
    public void NoShippedRole_BypassesThePlugins_BulkDeletes_Imports_OrActsOnBehalfOfAnother()
    {
        var granted = Privileges()
            .Where(p => p.Name.StartsWith("prvBypass", StringComparison.Ordinal) || p.Name == "prvBulkDelete" || p.Name.Contains("Import", StringComparison.Ordinal)
                || p.Name == "prvActOnBehalfOfAnotherUser")
            .Select(p => $"{p.Role}: {p.Name}")
            .ToList();

        Assert.Empty(granted);
    }

    private static List<(string Role, string Name)> Privileges() =>
        [.. Directory.GetFiles(Path.Combine(TestPaths.SolutionDirectory, "src", "Roles"), "*.xml")
            .Select(f => XDocument.Load(f).Root!)
            .SelectMany(r => r.Descendants("RolePrivilege").Select(p => ((string)r.Attribute("name")!, (string)p.Attribute("name")!)))];
}
