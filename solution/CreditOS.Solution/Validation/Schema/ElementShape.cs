namespace CreditOS.Solution.Validation.Schema;

/// <summary>
/// What one element of customizations.xml may contain, as Microsoft's solution schema (CustomizationsSolution.xsd)
/// declares it: its child elements, in a fixed order (<c>xs:sequence</c>) or in any order (<c>xs:all</c>), which of
/// them are required, and its attributes. <paramref name="Newer"/> lists children that every current Dataverse export
/// carries although the published schema predates them; they are accepted wherever they stand.
/// </summary>
public sealed record ElementShape(
    string Name,
    bool Ordered,
    IReadOnlyList<string> Children,
    IReadOnlyList<string> Required,
    IReadOnlyList<string>? Attributes = null,
    IReadOnlyList<string>? Newer = null)
{
    public static ElementShape Sequence(string name, string[] children, string[] required, string[]? attributes = null, string[]? newer = null) =>
        new(name, true, children, required, attributes, newer);

    public static ElementShape All(string name, string[] children, string[] required, string[]? attributes = null, string[]? newer = null) =>
        new(name, false, children, required, attributes, newer);

    public bool IsNewer(string child) => Newer?.Contains(child, StringComparer.Ordinal) == true;

    public int Position(string child)
    {
        for (var i = 0; i < Children.Count; i++)
        {
            if (string.Equals(Children[i], child, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
