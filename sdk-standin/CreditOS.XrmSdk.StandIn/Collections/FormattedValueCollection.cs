namespace Microsoft.Xrm.Sdk;

/// <summary>Display strings of column values (option labels, formatted money...).</summary>
public sealed class FormattedValueCollection : DataCollection<string, string>
{
    public FormattedValueCollection()
    {
    }

#pragma warning disable CS0628 // protected in a sealed type: the official signature has it
    protected FormattedValueCollection(IDictionary<string, string> collection)
        : base(collection)
    {
    }
#pragma warning restore CS0628
}
