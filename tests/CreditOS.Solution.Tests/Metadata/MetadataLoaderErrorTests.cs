using CreditOS.Solution.Metadata;
using CreditOS.Solution.Tests.Support;

namespace CreditOS.Solution.Tests.Metadata;

public sealed class MetadataLoaderErrorTests
{
    [Fact]
    public void MalformedEntityXml_NamesTheFile()
    {
        using var copy = new SolutionCopy();
        var file = copy.PathOf("src/Entities/cos_payment/Entity.xml");
        copy.Replace(file, "</attributes>", "</attribute>");

        var error = Assert.Throws<SolutionFormatException>(() => SolutionMetadataLoader.Load(copy.Root));

        Assert.Equal(file, error.File);
        Assert.Contains("not well-formed XML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownColumnType_IsReportedWithTheColumn()
    {
        using var copy = new SolutionCopy();
        copy.Replace(copy.PathOf("src/Entities/cos_payment/Entity.xml"), "<Type>money</Type>", "<Type>currency</Type>");

        var error = Assert.Throws<SolutionFormatException>(() => SolutionMetadataLoader.Load(copy.Root));

        Assert.Contains("column 'cos_amount'", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown <Type> 'currency'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lookup_WithoutRelationship_IsReported()
    {
        using var copy = new SolutionCopy();
        File.Delete(copy.PathOf("src/Other/Relationships/cos_credittier.xml"));

        var error = Assert.Throws<SolutionFormatException>(() => SolutionMetadataLoader.Load(copy.Root));

        Assert.Contains("has no relationship naming its target table", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Relationship_ToUnknownTable_IsReported()
    {
        using var copy = new SolutionCopy();
        copy.Replace(copy.PathOf("src/Other/Relationships/queue.xml"), "<ReferencedEntityName>queue</ReferencedEntityName>", "<ReferencedEntityName>cos_queue</ReferencedEntityName>");

        var error = Assert.Throws<SolutionFormatException>(() => SolutionMetadataLoader.Load(copy.Root));

        Assert.Contains("refers to unknown table 'cos_queue'", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("queue.xml", error.File, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingGlobalChoice_IsReported()
    {
        using var copy = new SolutionCopy();
        File.Delete(copy.PathOf("src/OptionSets/cos_risklevel.xml"));

        var error = Assert.Throws<SolutionFormatException>(() => SolutionMetadataLoader.Load(copy.Root));

        Assert.Contains("uses global choice 'cos_risklevel', which is not in src/OptionSets", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AlternateKey_OnUnknownColumn_IsReported()
    {
        using var copy = new SolutionCopy();
        copy.Replace(copy.PathOf("src/Entities/cos_payment/Entity.xml"), "<AttributeName>cos_erpid</AttributeName>", "<AttributeName>cos_erpref</AttributeName>");

        var error = Assert.Throws<SolutionFormatException>(() => SolutionMetadataLoader.Load(copy.Root));

        Assert.Contains("alternate key 'cos_payment_erpkey' names column 'cos_erpref'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ColumnDeclaredOnStandardTableAndInCustomisation_IsReported()
    {
        using var copy = new SolutionCopy();
        copy.Replace(copy.PathOf("src/Entities/account/Entity.xml"), "<Name>cos_valuescore</Name>\n          <LogicalName>cos_valuescore</LogicalName>", "<Name>creditlimit</Name>\n          <LogicalName>creditlimit</LogicalName>");

        var error = Assert.Throws<SolutionFormatException>(() => SolutionMetadataLoader.Load(copy.Root));

        Assert.Contains("column 'creditlimit' is already declared for the standard table", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FolderWithoutSolution_IsReported()
    {
        var empty = Directory.CreateTempSubdirectory("creditos-empty-");
        try
        {
            var error = Assert.Throws<SolutionFormatException>(() => SolutionMetadataLoader.Load(empty.FullName));

            Assert.Contains("no solution tables found", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }
}
