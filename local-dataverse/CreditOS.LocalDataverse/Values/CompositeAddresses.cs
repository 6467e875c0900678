using System.Text.RegularExpressions;
using CreditOS.Solution.Metadata;

namespace CreditOS.LocalDataverse.Values;

/// <summary>
/// The composite address columns of the standard tables (<c>address1_composite</c>, <c>address2_composite</c>…), which Dataverse computes
/// from an address's parts and which the solution's metadata does not declare. "If you request a property that is part of a composite
/// attribute for an address, you will get the composite property as well. For example, if your query requests the address1_line1
/// property for a contact, the address1_composite property will be returned as well" (Retrieve a table row using the Web API, "Retrieve
/// specific properties"). The composite's format is not published, so it is not imitated: naming it, or selecting a part of an address
/// over the Web API, fails as not implemented instead of being told the column does not exist or getting the parts without it (round 23).
/// </summary>
public static partial class CompositeAddresses
{
    /// <summary>The parts taken to make up an address's composite: its street lines, city, state or province, postal code and country.</summary>
    private static readonly string[] Parts = ["line1", "line2", "line3", "city", "stateorprovince", "postalcode", "country"];

    /// <summary>The composite column <paramref name="column"/> names when it is one the table's addresses have and the metadata lacks, else null.</summary>
    public static string? UnmodelledComposite(TableDefinition table, string column)
    {
        ArgumentNullException.ThrowIfNull(table);
        var match = Composite().Match(column ?? string.Empty);
        return match.Success && HasUnmodelledComposite(table, match.Groups["address"].Value) ? column : null;
    }

    /// <summary>The composite Dataverse returns with the address part <paramref name="column"/>, when the metadata lacks it, else null.</summary>
    public static string? UnmodelledCompositeOfPart(TableDefinition table, string column)
    {
        ArgumentNullException.ThrowIfNull(table);
        var match = Part().Match(column ?? string.Empty);
        return match.Success && Parts.Contains(match.Groups["part"].Value, StringComparer.Ordinal) && HasUnmodelledComposite(table, match.Groups["address"].Value)
            ? $"{match.Groups["address"].Value}_composite"
            : null;
    }

    /// <summary>What the refusal says after "The local Dataverse does not implement ".</summary>
    public static string Explanation(string table, string composite) =>
        $"the composite address column '{composite}' of '{table}': Dataverse computes it from the address's parts (and the Web API returns it "
        + "with any part a $select names), in a format Microsoft does not publish, and the local metadata does not declare it. Read the parts "
        + "through the organization service, or select columns that are no address part";

    private static bool HasUnmodelledComposite(TableDefinition table, string address) =>
        table.FindColumn($"{address}_composite") is null && Parts.Any(part => table.FindColumn($"{address}_{part}") is not null);

    [GeneratedRegex("^(?<address>address[1-3])_composite$", RegexOptions.CultureInvariant)]
    private static partial Regex Composite();

    [GeneratedRegex("^(?<address>address[1-3])_(?<part>[a-z0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
