using System.Xml.Linq;
using CreditOS.Solution.Metadata;
using CreditOS.Solution.Validation;

namespace CreditOS.Solution.Packing;

/// <summary>
/// Columns of Dataverse's own tables that creditOS secures. They are declared once, in standard-tables/, with
/// <c>&lt;IsSecured&gt;1&lt;/IsSecured&gt;</c>; standard-tables/ is never packed, so the packer copies each such column into
/// the packed table (src/Entities/&lt;table&gt;), as an export of a table whose system column was secured carries it.
/// Marking another standard column secured is that one line in standard-tables/&lt;table&gt;/Entity.xml.
/// </summary>
public static class SecuredStandardColumns
{
    /// <summary>The secured column definitions of a standard table (copies), or none when the table is not declared.</summary>
    public static IReadOnlyList<XElement> Of(SolutionContext context, string table)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = $"{SolutionLayout.StandardTables}/{table}/{SolutionLayout.EntityFileName}";
        if (!context.Files.Exists(path) || context.Document(path)?.Root is not { } root)
        {
            return [];
        }

        return [.. root.Descendants("attribute").Where(a => a.Element("IsSecured")?.Value.Trim() == "1").Select(a => new XElement(a))];
    }

    /// <summary>Standard tables with at least one secured column.</summary>
    public static IEnumerable<string> Tables(SolutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.SourceFiles(SolutionLayout.StandardTables, "/" + SolutionLayout.EntityFileName)
            .Select(p => p.Split('/')[1])
            .Where(t => Of(context, t).Count > 0);
    }
}
