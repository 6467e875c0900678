using Microsoft.Xrm.Sdk;

namespace CreditOS.XrmSdk.StandIn.Tests.Sdk;

/// <summary>
/// Session 31: a row the local Dataverse returns may carry its formatted values as a source made into the collection when
/// <c>FormattedValues</c> is first read (internal, not SDK surface). Read, the row behaves as one whose values were put in
/// at once: one collection, filled once, counted by copies, shared with a <c>ToEntity</c> copy.
/// </summary>
public class DeferredFormattedValuesTests
{
    [Fact]
    public void TheSource_IsMadeIntoTheCollection_OnTheFirstReadOnly()
    {
        var source = new CountingSource(("creditlimit", "$20,000.00"), ("statecode", "Active"));
        var account = new Entity("account");
        account.DeferFormattedValues(source);

        Assert.Equal(0, source.Fills);
        Assert.True(account.HasFormattedValues);
        Assert.Same(source, account.PendingFormattedValues);

        var first = account.FormattedValues;
        var second = account.FormattedValues;

        Assert.Equal(1, source.Fills);
        Assert.Same(first, second);
        Assert.Equal(["creditlimit", "statecode"], first.Keys.ToArray());
        Assert.Equal("$20,000.00", first["creditlimit"]);
        Assert.Null(account.PendingFormattedValues);
    }

    [Fact]
    public void ToEntity_OfARowWithPendingValues_SeesThemAndSharesTheCollection()
    {
        var account = new Entity("account", Guid.NewGuid());
        account.DeferFormattedValues(new CountingSource(("creditlimit", "$20,000.00")));

        var copy = account.ToEntity<Entity>();
        copy.FormattedValues["name"] = "Contoso";

        Assert.Equal("$20,000.00", copy.FormattedValues["creditlimit"]);
        Assert.Equal("Contoso", account.FormattedValues["name"]);
    }

    [Fact]
    public void ARowWithFormattedValuesAlready_RefusesASource()
    {
        var account = new Entity("account");
        account.FormattedValues["name"] = "Contoso";

        Assert.Throws<InvalidOperationException>(() => account.DeferFormattedValues(new CountingSource()));
        Assert.Equal("Contoso", account.FormattedValues["name"]);
    }

    [Fact]
    public void ReadersOnSeveralThreads_FillItOnce()
    {
        var source = new CountingSource(("creditlimit", "$20,000.00"));
        var account = new Entity("account");
        account.DeferFormattedValues(source);

        var collections = Enumerable.Range(0, 8).AsParallel().Select(_ => account.FormattedValues).ToList();

        Assert.Equal(1, source.Fills);
        Assert.All(collections, collection => Assert.Same(collections[0], collection));
        Assert.Single(collections[0]);
    }

    private sealed class CountingSource(params (string Key, string Text)[] values) : DeferredFormattedValues
    {
        public int Fills { get; private set; }

        internal override void FillInto(FormattedValueCollection target)
        {
            Fills++;
            foreach (var (key, text) in values)
            {
                target[key] = text;
            }
        }
    }
}
