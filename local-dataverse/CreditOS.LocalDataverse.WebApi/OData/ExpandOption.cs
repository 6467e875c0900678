using CreditOS.LocalDataverse.Faults;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// One item of $expand: a navigation property and the options in parentheses after it. "Use these options with $expand by adding
/// them in parentheses after the name of the navigation property. Separate each option with a semicolon (;)", several items
/// separated by commas, as in <c>$expand=primarycontactid($select=contactid,fullname),createdby($select=fullname)</c> (Join tables
/// using OData, webapi/query/join-tables). Commas, semicolons and parentheses inside quoted literals and nested options are kept.
/// </summary>
internal sealed record ExpandOption(string Name, IReadOnlyDictionary<string, string> Options, bool IsReference)
{
    public static IReadOnlyList<ExpandOption> Parse(string expand) => Parse(expand, combine: true);

    /// <summary>
    /// The $expand items as written, nested ones included, before a property expanded twice is combined: the documented limit of 15
    /// is counted on them (whether Dataverse counts before or after the OData library combines them is not published; counting as
    /// written refuses rather than accepts).
    /// </summary>
    public static int CountAsWritten(string expand) =>
        Parse(expand, combine: false).Sum(item => 1 + (item.Options.TryGetValue("$expand", out var inner) ? CountAsWritten(inner) : 0));

    private static List<ExpandOption> Parse(string expand, bool combine)
    {
        ArgumentNullException.ThrowIfNull(expand);
        var items = new List<ExpandOption>();
        foreach (var item in TopLevelSplit.Split(expand, ',', "$expand"))
        {
            var open = item.IndexOf('(', StringComparison.Ordinal);
            var name = (open < 0 ? item : item[..open]).Trim();
            var options = new Dictionary<string, string>(StringComparer.Ordinal);
            if (open >= 0)
            {
                if (!item.EndsWith(')'))
                {
                    throw Syntax(expand, $"'{item}' does not end with ')'");
                }

                if (string.IsNullOrWhiteSpace(item[(open + 1)..^1]))
                {
                    // The OData library's select/expand parser (code 0x0, as its other URI errors); the local host expanded the
                    // property with every column and answered a context ending "primarycontactid()" before Web API round 9.
                    throw DataverseFault.Create(WebApiErrorCodes.UriParserError,
                        $"Missing expand option on navigation property '{name}'. If a parenthesis expression follows an expanded navigation property, then at least one expand option must be provided.");
                }

                foreach (var option in TopLevelSplit.Split(item[(open + 1)..^1], ';', "$expand"))
                {
                    var equals = option.IndexOf('=', StringComparison.Ordinal);
                    if (equals <= 0)
                    {
                        throw Syntax(expand, $"'{option}' is not an option=value pair");
                    }

                    options[option[..equals].Trim()] = option[(equals + 1)..].Trim();
                }
            }

            var isReference = name.EndsWith("/$ref", StringComparison.Ordinal);
            var parsed = new ExpandOption(isReference ? name[..^5] : name, options, isReference);
            if (combine)
            {
                AddOrCombine(items, parsed);
            }
            else
            {
                items.Add(parsed);
            }
        }

        return items;
    }

    /// <summary>
    /// A navigation property expanded twice is one expansion, as the OData library's ExpandTreeNormalizer.AddOrCombine makes it
    /// (OData/odata.net 7.x, run by the URI parser before Dataverse sees the query): it keeps the first one's place, takes the later
    /// item's other options ($filter, $orderby, $top), the later item's $select then the earlier one's (distinct; one without $select
    /// takes the other's), and both nested $expand lists. The local host answered two expansions of one property, the last one's row
    /// under the name and both in the context URL (round 11).
    /// </summary>
    private static void AddOrCombine(List<ExpandOption> items, ExpandOption later)
    {
        var index = items.FindIndex(item => item.Name == later.Name && item.IsReference == later.IsReference);
        if (index < 0)
        {
            items.Add(later);
            return;
        }

        var earlier = items[index];
        var options = new Dictionary<string, string>(later.Options, StringComparer.Ordinal);
        options.Remove("$select");
        options.Remove("$expand");
        var selects = new[] { later, earlier }
            .Where(item => item.Options.ContainsKey("$select"))
            .SelectMany(item => TopLevelSplit.Split(item.Options["$select"], ',', "$select").Select(name => name.Trim()))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (selects.Count > 0)
        {
            options["$select"] = string.Join(',', selects);
        }

        var expands = new[] { later, earlier }.Where(item => item.Options.ContainsKey("$expand")).Select(item => item.Options["$expand"]).ToList();
        if (expands.Count > 0)
        {
            options["$expand"] = string.Join(',', expands);
        }

        items[index] = new ExpandOption(earlier.Name, options, earlier.IsReference);
    }

    private static Exception Syntax(string expand, string problem) =>
        DataverseFault.Create(WebApiErrorCodes.ODataPayloadError, $"Syntax error in $expand '{expand}': {problem}.");
}
