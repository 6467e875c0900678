using CreditOS.CreditEngine.Ledger;

namespace CreditOS.CreditEngine.Tests.Ledger;

/// <summary>The one rule ordering an ERP record's versions by the broker's sequence number and the scope that numbered it.</summary>
public class SourceVersionOrderTests
{
    private const string Queue = "ns.servicebus.windows.net/creditos.erp.receivables";

    [Theory]
    [InlineData(12L, 10L, SourceVersionStanding.Older)]
    [InlineData(12L, 12L, SourceVersionStanding.Same)]
    [InlineData(12L, 13L, SourceVersionStanding.Newer)]
    public void WithinOneScope_TheNumbersOrderTheVersions(long stored, long incoming, SourceVersionStanding expected) =>
        Assert.Equal(expected, SourceVersionOrder.Compare(Queue, stored, Queue, incoming));

    [Fact]
    public void ARowWithoutAVersion_TakesAnyNumberedVersion_AndAnUnnumberedWriteCannotBeOrdered()
    {
        Assert.Equal(SourceVersionStanding.Newer, SourceVersionOrder.Compare(null, null, Queue, 1));
        Assert.Equal(SourceVersionStanding.Unordered, SourceVersionOrder.Compare(Queue, 12, null, null));
    }

    [Fact]
    public void NumbersFromAnotherQueueOrPartition_CannotBeOrdered_EvenWhenSmaller()
    {
        var partition3 = (3L << 48) + 5;
        var partition1 = (1L << 48) + 900;

        Assert.Equal("ns/q/partition-3", SourceVersionOrder.ScopeOf("ns", "q", partition3));
        Assert.Equal("ns/q", SourceVersionOrder.ScopeOf("ns", "q", 41));
        Assert.Equal(SourceVersionStanding.Unordered, SourceVersionOrder.Compare(SourceVersionOrder.ScopeOf("ns", "q", partition3), partition3, SourceVersionOrder.ScopeOf("ns", "q", partition1), partition1));
        Assert.Equal(SourceVersionStanding.Unordered, SourceVersionOrder.Compare(Queue, 500, "other-namespace/creditos.erp.receivables", 1));
    }
}
