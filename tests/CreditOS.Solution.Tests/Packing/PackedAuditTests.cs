using System.IO.Compression;
using System.Xml.Linq;
using CreditOS.Solution.Packing;
using CreditOS.Solution.Tests.Support;

namespace CreditOS.Solution.Tests.Packing;

/// <summary>
/// Session 10: who changed the credit configuration, a decision or a credit fact, and from what, is Dataverse's audit
/// log (read-only to everyone). The packed solution turns auditing on for those tables; the environment's own auditing
/// setting must be on too, which no solution carries.
/// </summary>
public sealed class PackedAuditTests : IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "creditos-audit-" + Guid.NewGuid().ToString("N"), "creditOS.zip");

    public void Dispose()
    {
        if (Directory.Exists(Path.GetDirectoryName(_output)))
        {
            Directory.Delete(Path.GetDirectoryName(_output)!, recursive: true);
        }
    }

    [Fact]
    public void TheConfigurationDecisionAndFactTables_ArePackedWithAuditingOn()
    {
        string[] audited =
        [
            "cos_creditpolicy", "cos_credittier", "cos_scoringruleset", "cos_scoringrule", "cos_tiermatrixcell", "cos_approvalrouting", "cos_approvalauthority",
            "cos_bureaualertrule", "cos_messagecode", "cos_monitorcondition", "cos_dunningstep", "cos_collectorassignmentrule",
            "cos_creditapprovalrequest", "cos_creditapplication", "cos_customermessage", "cos_promisetopay", "cos_payment", "cos_receivable",
            "cos_suspensionlift", "cos_bureauchange", "cos_bureaureport", "cos_creditscorehistory", "cos_configurationactivation",
        ];
        var customizations = Pack();

        foreach (var table in audited)
        {
            var entity = customizations.Root!.Element("Entities")!.Elements("Entity")
                .Single(e => string.Equals(e.Element("Name")!.Value, table, StringComparison.OrdinalIgnoreCase))
                .Element("EntityInfo")!.Element("entity")!;
            Assert.True((string?)entity.Element("IsAuditEnabled") == "1", $"{table} is packed without IsAuditEnabled 1.");
        }
    }

    private XDocument Pack()
    {
        SolutionPacker.Pack(new SolutionPackRequest { SolutionDirectory = TestPaths.SolutionDirectory, PluginAssemblies = [FixtureAssembly.Path], OutputPath = _output });
        using var zip = ZipFile.OpenRead(_output);
        using var stream = zip.GetEntry("customizations.xml")!.Open();
        return XDocument.Load(stream);
    }
}
