namespace Microsoft.Xrm.Sdk;

/// <summary>
/// Not SDK surface (internal, for the local Dataverse): formatted values a row's reader works out only when
/// <see cref="Entity.FormattedValues"/> is first read. The source must hold everything it formats as of the moment the row
/// was read (its own copies of the values, the currency's format), so the text is the same whenever it is made.
/// </summary>
internal abstract class DeferredFormattedValues
{
    /// <summary>Adds the formatted values to <paramref name="target"/>, in the order the row's columns were read.</summary>
    internal abstract void FillInto(FormattedValueCollection target);
}
