using CreditOS.Solution.Metadata;
using CreditOS.Solution.Tests.Support;

namespace CreditOS.Solution.Tests.Metadata;

/// <summary>
/// Round 25 of the local Dataverse (session 33): calculated, rollup and formula columns. AttributeMetadata.SourceType "0 Simple attribute …
/// 1 Calculated attribute, 2 Rollup attribute, 3 Formula attribute" (Microsoft.Xrm.Sdk.Metadata reference): Dataverse computes such a column
/// and refuses writes to it. The loader ignored &lt;SourceType&gt; and &lt;FormulaDefinitionFileName&gt;, so a local Dataverse built from such a
/// solution stored and returned whatever a caller wrote to the column; it computes none (CalculateRollupField is not implemented), so the
/// column is now refused when loaded.
/// </summary>
public sealed class ComputedColumnLoadingTests
{
    private const string NameColumn = "<LogicalName>cos_name</LogicalName>";

    [Theory]
    [InlineData("1", "calculated")]
    [InlineData("2", "rollup")]
    [InlineData("3", "formula")]
    public void AColumnWithAComputedSourceType_IsRefusedWhenLoaded(string sourceType, string kind)
    {
        using var copy = new SolutionCopy();
        var file = copy.PathOf("src/Entities/cos_payment/Entity.xml");
        copy.Replace(file, NameColumn, NameColumn + $"<SourceType>{sourceType}</SourceType>");

        var error = Assert.Throws<SolutionFormatException>(() => SolutionMetadataLoader.Load(copy.Root));

        Assert.Equal(file, error.File);
        Assert.Contains("column 'cos_name'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"is a {kind} column", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not compute calculated, rollup or formula columns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AColumnWithAFormulaDefinitionFile_IsRefusedWhenLoaded()
    {
        using var copy = new SolutionCopy();
        var file = copy.PathOf("src/Entities/cos_payment/Entity.xml");
        copy.Replace(file, NameColumn, NameColumn + "<FormulaDefinitionFileName>/Formulas/cos_payment-cos_name.xaml</FormulaDefinitionFileName>");

        var error = Assert.Throws<SolutionFormatException>(() => SolutionMetadataLoader.Load(copy.Root));

        Assert.Equal(file, error.File);
        Assert.Contains("<FormulaDefinitionFileName>/Formulas/cos_payment-cos_name.xaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_SourceTypeZero_IsASimpleColumn_AndLoads()
    {
        using var copy = new SolutionCopy();
        copy.Replace(copy.PathOf("src/Entities/cos_payment/Entity.xml"), NameColumn, NameColumn + "<SourceType>0</SourceType>");

        var catalog = SolutionMetadataLoader.Load(copy.Root);

        Assert.NotNull(catalog.Tables.Single(table => table.LogicalName == "cos_payment").FindColumn("cos_name"));
    }
}
