using System.IO.Compression;
using System.Xml.Linq;
using CreditOS.Solution.Packing;
using CreditOS.Solution.Tests.Support;
using CreditOS.Solution.Validation.Schema;

namespace CreditOS.Solution.Tests.Packing;

/// <summary>
/// The packed customizations.xml has the shape of Microsoft's solution schema, and the check the packer runs on it
/// catches the faults the packer once wrote (issue 16) when they are put back into a packed document.
/// </summary>
public sealed class PackedSchemaTests : IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "creditos-schema-" + Guid.NewGuid().ToString("N"), "creditOS.zip");

    public void Dispose()
    {
        if (Directory.Exists(Path.GetDirectoryName(_output)))
        {
            Directory.Delete(Path.GetDirectoryName(_output)!, recursive: true);
        }
    }

    [Fact]
    public void PackedCustomizations_HaveNoSchemaProblems()
    {
        var customizations = Pack(TestPaths.SolutionDirectory);

        Assert.Empty(PackedCustomizationsCheck.Check(customizations));
    }

    [Fact]
    public void PackedCustomizations_CarryFinancesCommandsViewsAndTheAdminForms_InSchemaShape()
    {
        var customizations = Pack(TestPaths.SolutionDirectory);
        XElement Entity(string name) => customizations.Descendants("Entity").Single(e => string.Equals((string?)e.Element("Name"), name, StringComparison.OrdinalIgnoreCase));

        Assert.Empty(PackedCustomizationsCheck.Check(customizations));
        var approvalCommands = Entity("cos_CreditApprovalRequest").Element("RibbonDiffXml")!.Descendants("CommandDefinition").Select(c => (string)c.Attribute("Id")!).ToList();
        Assert.Superset(
            new HashSet<string> { "creditOS.ApprovalRequest.Approve", "creditOS.ApprovalRequest.Reject", "creditOS.ApprovalRequest.AskForInformation", "creditOS.ApprovalRequest.Answer", "creditOS.ApprovalRequest.Grid.Approve" },
            approvalCommands.ToHashSet());
        Assert.Contains(Entity("salesorder").Element("RibbonDiffXml")!.Descendants("CommandDefinition"), c => (string?)c.Attribute("Id") == "creditOS.Order.RequestCreditException");
        Assert.Contains(Entity("cos_CreditApprovalRequest").Descendants("savedquery"), q => q.Descendants("LocalizedName").Any(n => (string?)n.Attribute("description") == "Credit approvals awaiting Finance"));
        Assert.Contains(Entity("salesorder").Descendants("savedquery"), q => q.Descendants("LocalizedName").Any(n => (string?)n.Attribute("description") == "Orders refused by the credit check"));
        foreach (var admin in new[] { "cos_CreditTier", "cos_CreditPolicy", "cos_ScoringRuleSet", "cos_ScoringRule", "cos_TierMatrixCell", "cos_ApprovalRouting" })
        {
            Assert.Single(Entity(admin).Descendants("systemform"));
        }

        var approvalForm = Entity("cos_CreditApprovalRequest").Descendants("systemform").Single();
        Assert.Contains(approvalForm.Descendants("tab"), tab => (string?)tab.Attribute("name") == "credit_panel");
        Assert.Contains(customizations.Descendants("WebResource"), w => (string?)w.Element("Name") == "cos_/scripts/credit_approval_commands.js");
    }

    [Fact]
    public void PackedApprovalForm_ShowsTheOrdersLines_ThroughTheOrderQuickViewAndItsLinesSubGrid()
    {
        var customizations = Pack(TestPaths.SolutionDirectory);
        XElement Entity(string name) => customizations.Descendants("Entity").Single(e => string.Equals((string?)e.Element("Name"), name, StringComparison.OrdinalIgnoreCase));

        Assert.Empty(PackedCustomizationsCheck.Check(customizations));
        var quickView = Entity("cos_CreditApprovalRequest").Descendants("control").Single(c => (string?)c.Attribute("id") == "order_quickview");
        Assert.Equal("cos_salesorderid", (string?)quickView.Attribute("datafieldname"));
        var quickFormId = XElement.Parse(quickView.Element("parameters")!.Element("QuickForms")!.Value).Element("QuickFormId")!;
        Assert.Equal("salesorder", (string?)quickFormId.Attribute("entityname"));
        var quickForms = Entity("salesorder").Element("FormXml")!.Elements("forms").Single(f => (string?)f.Attribute("type") == "quick");
        var quickForm = quickForms.Elements("systemform").Single(f => (string?)f.Element("formid") == quickFormId.Value);
        var lines = quickForm.Descendants("control").Single(c => (string?)c.Attribute("id") == "order_lines").Element("parameters")!;
        Assert.Equal(("salesorderdetail", "order_details"), ((string?)lines.Element("TargetEntityType"), (string?)lines.Element("RelationshipName")));
        var view = Entity("salesorderdetail").Descendants("savedquery").Single();
        Assert.Equal((string?)lines.Element("ViewId"), (string?)view.Element("savedqueryid"));
        Assert.Contains(view.Descendants("attribute"), a => (string?)a.Attribute("name") == "extendedamount");
    }

    [Fact]
    public void PackedSections_FollowTheSchemaSequence()
    {
        var sections = Pack(TestPaths.SolutionDirectory).Root!.Elements().Select(e => e.Name.LocalName).ToList();

        Assert.Equal(CustomizationsSchema.TopLevelOrder.Where(sections.Contains), sections);
        Assert.True(sections.IndexOf("WebResources") < sections.IndexOf("SolutionPluginAssemblies"));
        Assert.True(sections.IndexOf("AppModules") < sections.IndexOf("EntityDataProviders"));
    }

    [Fact]
    public void SectionsAppendedAfterTheSkeleton_AreReported()
    {
        var customizations = Pack(TestPaths.SolutionDirectory);
        var root = customizations.Root!;
        foreach (var name in new[] { "SolutionPluginAssemblies", "SdkMessageProcessingSteps", "AppModuleSiteMaps", "AppModules", "WebResources" })
        {
            var section = root.Element(name)!;
            section.Remove();
            root.Element("Languages")!.AddBeforeSelf(section); // where the packer used to put sections the skeleton has no slot for
        }

        var problems = PackedCustomizationsCheck.Check(customizations);

        Assert.Contains(problems, p => p.StartsWith("<ImportExportXml> has <SolutionPluginAssemblies> after <EntityDataProviders>", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("<ImportExportXml> has <WebResources> after <EntityDataProviders>", StringComparison.Ordinal));
    }

    [Fact]
    public void PackedFieldPermissions_AreChildElements()
    {
        var permission = Pack(TestPaths.SolutionDirectory).Descendants("FieldPermission").First();

        Assert.Empty(permission.Attributes());
        Assert.Equal(["EntityName", "AttributeName", "CanRead", "CanUpdate", "CanCreate", "CanReadUnmasked"], permission.Elements().Select(e => e.Name.LocalName));
    }

    [Theory]
    [InlineData("creditlimit")]
    [InlineData("creditonhold")]
    public void PackedAccount_DeclaresTheSecuredStandardColumns(string column)
    {
        var attribute = Attribute(Pack(TestPaths.SolutionDirectory), "Account", column);

        Assert.NotNull(attribute);
        Assert.Equal("1", attribute.Element("IsSecured")!.Value);
    }

    [Fact]
    public void PackedAccount_WithoutTheSecuredStandardColumns_IsReported()
    {
        var customizations = Pack(TestPaths.SolutionDirectory);
        Attribute(customizations, "Account", "creditlimit")!.Remove(); // as packed before: the secured flag stayed in standard-tables/

        var problems = PackedCustomizationsCheck.Check(customizations);

        // Credit Readers, Deciders, Configurers, the Integration Readers (the daily KPI snapshot sums limits) and the
        // Collection Readers (collectors read the limit they collect against).
        Assert.Equal(5, problems.Count(p => p.Contains("grants 'account.creditlimit', which no packed table declares", StringComparison.Ordinal)));
    }

    [Fact]
    public void PackedColumn_GrantedButNotSecured_IsReported()
    {
        var customizations = Pack(TestPaths.SolutionDirectory);
        Attribute(customizations, "Account", "cos_riskscore")!.Element("IsSecured")!.Value = "0";

        var problems = PackedCustomizationsCheck.Check(customizations);

        Assert.Contains(problems, p => p.Contains("'creditOS Credit Readers' grants 'account.cos_riskscore', which the packed table does not declare secured (IsSecured 1)", StringComparison.Ordinal));
    }

    [Fact]
    public void StandardColumnMarkedSecuredInSource_IsPackedSecured()
    {
        using var copy = new SolutionCopy();
        copy.Replace(copy.PathOf("standard-tables/salesorder/Entity.xml"), "<LogicalName>totalamount</LogicalName>", "<LogicalName>totalamount</LogicalName>\n          <IsSecured>1</IsSecured>");

        var attribute = Attribute(Pack(copy.Root), "SalesOrder", "totalamount");

        Assert.NotNull(attribute);
        Assert.Equal("1", attribute.Element("IsSecured")!.Value);
    }

    private static XElement? Attribute(XDocument customizations, string table, string column) =>
        customizations.Root!.Element("Entities")!.Elements("Entity").Single(e => e.Element("Name")!.Value == table)
            .Element("EntityInfo")!.Element("entity")!.Element("attributes")!.Elements("attribute").SingleOrDefault(a => a.Element("LogicalName")!.Value == column);

    private XDocument Pack(string solutionDirectory)
    {
        SolutionPacker.Pack(new SolutionPackRequest { SolutionDirectory = solutionDirectory, PluginAssemblies = [FixtureAssembly.Path], OutputPath = _output });
        using var zip = ZipFile.OpenRead(_output);
        using var stream = zip.GetEntry("customizations.xml")!.Open();
        return XDocument.Load(stream);
    }
}
