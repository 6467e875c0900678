using System.Xml.Linq;
using CreditOS.Solution.Metadata;

namespace CreditOS.Solution.Tests.Metadata;

/// <summary>
/// The credit policy's overdue tolerance (session 28) is configuration an administrator tunes on the policy form: three
/// columns of cos_creditpolicy with their labels, descriptions and ranges, each on the policy's main form.
/// </summary>
public sealed class OverdueToleranceColumnsTests
{
    private static readonly MetadataCatalog Catalog = SolutionMetadataLoader.LoadEmbedded();

    private const string PolicyForm = "src/Entities/cos_creditpolicy/FormXml/main/{31f873bd-cc4e-538e-a9e4-8a87dd4cec6e}.xml";

    [Theory]
    [InlineData("cos_overduetoleranceamount", ColumnType.Money, "Overdue tolerance amount", 0, 100_000_000_000, "total overdue beyond grace")]
    [InlineData("cos_overduetolerancepercent", ColumnType.Decimal, "Overdue tolerance (% of limit)", 0, 100, "2 = 2%")]
    [InlineData("cos_overduetolerancedays", ColumnType.Integer, "Overdue tolerance up to (days past due)", 0, 365, "beyond it any overdue amount holds the order")]
    [InlineData("cos_trustedoverduetolerancedays", ColumnType.Integer, "Trusted channel: overdue up to (days past due)", 0, 365, "beyond it any overdue amount holds the channel's orders too")]
    public void ThePolicyTable_HasTheToleranceColumn_WithItsLabelDescriptionAndRange(string column, ColumnType type, string label, long min, long max, string described)
    {
        var definition = Catalog.FindTable("cos_creditpolicy")!.FindColumn(column);

        Assert.NotNull(definition);
        Assert.Equal(type, definition.Type);
        Assert.Equal(label, definition.DisplayName);
        Assert.Equal((min, max), ((long)definition.MinValue!.Value, (long)definition.MaxValue!.Value));
        Assert.Contains(described, definition.Description, StringComparison.Ordinal);
        Assert.True(definition.IsCustom);
    }

    /// <summary>Session 29: the trusted channel's days ceiling sits on the form right under the channel's overdue amount.</summary>
    [Fact]
    public void ThePolicyForm_ShowsTheTrustedChannelsDaysCeiling_UnderItsOverdueAmount()
    {
        var form = XDocument.Load(Path.Combine(TestPaths.SolutionDirectory, PolicyForm));
        var fields = form.Descendants("control").Select(c => (string?)c.Attribute("datafieldname")).ToList();

        Assert.Equal(fields.IndexOf("cos_trustedoverduetolerance") + 1, fields.IndexOf("cos_trustedoverduetolerancedays"));
    }

    [Fact]
    public void ThePolicyForm_ShowsTheThreeColumns_InItsOverdueToleranceSection()
    {
        var form = XDocument.Load(Path.Combine(TestPaths.SolutionDirectory, PolicyForm));
        var section = form.Descendants("section").Single(s => (string?)s.Attribute("name") == "policy_overduetolerance");

        Assert.Equal(
            ["cos_overduetoleranceamount", "cos_overduetolerancepercent", "cos_overduetolerancedays"],
            section.Descendants("control").Select(c => (string?)c.Attribute("datafieldname")));
        Assert.Equal("Orders: overdue tolerance", section.Element("labels")!.Element("label")!.Attribute("description")!.Value);
    }
}
