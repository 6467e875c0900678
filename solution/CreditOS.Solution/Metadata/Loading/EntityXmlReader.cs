using System.Xml.Linq;
using CreditOS.Solution.Files;

namespace CreditOS.Solution.Metadata.Loading;

/// <summary>Reads one Entity.xml (a table, or the customised columns and keys of a standard table).</summary>
internal static class EntityXmlReader
{
    public static TableDraft Read(ISolutionFileSource files, string path, bool isCustomFolder)
    {
        var file = files.Describe(path);
        var document = SolutionXml.Load(files, path);
        var root = document.Root;
        if (root is null || root.Name.LocalName != "Entity")
        {
            throw new SolutionFormatException(file, "the root element must be <Entity>.");
        }

        var schemaName = root.RequiredText("Name", file);
        var entity = root.Element("EntityInfo")?.Element("entity")
            ?? throw new SolutionFormatException(file, "has no <EntityInfo><entity> element.");
        var table = new TableDraft
        {
            LogicalName = schemaName.ToLowerInvariant(),
            SchemaName = schemaName,
            File = file,
            DisplayName = entity.Element("LocalizedNames").Label(),
            DisplayCollectionName = entity.Element("LocalizedCollectionNames").Label(),
            Description = entity.Element("Descriptions").Label(),
            EntitySetName = entity.Text("EntitySetName"),
            IsCustom = isCustomFolder,
            IsActivity = entity.Text("IsActivity") == "1",
        };
        if (entity.Text("EnforceStateTransitions") is "1" or "true")
        {
            // "When this data is present and the table EnforceStateTransitions property is true, any incident instance can only be
            // changed to one of the allowed statuscode values … Attempting to set an invalid value throws an error." (Define custom
            // state model transitions, power-apps/developer/data-platform/define-custom-state-model-transitions). The local Dataverse
            // does not read TransitionData and Microsoft does not publish that error, so such a table is refused when loaded rather
            // than accepting every transition Dataverse would refuse (round 24, session 32; before, the element was ignored).
            throw new SolutionFormatException(file,
                "declares <EnforceStateTransitions>1</EnforceStateTransitions>: the local Dataverse does not implement custom state model transitions (statuscode TransitionData), whose refusal Microsoft does not publish; it would accept every transition. Leave the table without enforced transitions.");
        }

        if (entity.Text("OwnershipTypeMask") is { Length: > 0 } ownership)
        {
            table.Ownership = XmlNames.Ownerships.TryGetValue(ownership, out var type)
                ? type
                : throw new SolutionFormatException(file, $"unknown <OwnershipTypeMask> '{ownership}'.");
            table.IsBusinessOwned = string.Equals(ownership, "BusinessOwned", StringComparison.OrdinalIgnoreCase);
        }

        foreach (var attribute in entity.Element("attributes")?.Elements("attribute") ?? [])
        {
            var column = ReadColumn(attribute, file);
            if (table.FindColumn(column.LogicalName) is not null)
            {
                throw new SolutionFormatException(file, $"column '{column.LogicalName}' is declared twice.");
            }

            table.Columns.Add(column);
            if ((attribute.Text("DisplayMask") ?? string.Empty).Split('|').Contains("PrimaryName", StringComparer.Ordinal))
            {
                table.PrimaryNameAttribute = column.LogicalName;
            }
        }

        foreach (var key in entity.Element("EntityKeys")?.Elements("EntityKey") ?? [])
        {
            var columns = key.Element("EntityKeyAttributes")?.Elements("AttributeName").Select(a => a.Value.Trim().ToLowerInvariant()).ToList() ?? [];
            if (columns.Count == 0)
            {
                throw new SolutionFormatException(file, $"alternate key{SolutionXml.Where(key)} names no columns.");
            }

            table.Keys.Add(new AlternateKeyDefinition(key.RequiredText("LogicalName", file), columns) { DisplayName = key.Element("displaynames").Label() });
        }

        return table;
    }

    private static ColumnDraft ReadColumn(XElement attribute, string file)
    {
        var logicalName = attribute.RequiredText("LogicalName", file);
        var where = $"column '{logicalName}'{SolutionXml.Where(attribute)}";
        try
        {
            var typeName = attribute.RequiredText("Type", file);
            if (!XmlNames.ColumnTypes.TryGetValue(typeName, out var type))
            {
                throw new SolutionFormatException(file, $"{where} has unknown <Type> '{typeName}'.");
            }

            // AttributeMetadata.SourceType: "0 Simple attribute … 1 Calculated attribute, 2 Rollup attribute, 3 Formula attribute, 4 Prompt
            // attribute" (Microsoft.Xrm.Sdk.Metadata reference). Dataverse computes such a column and refuses writes to it; the local
            // Dataverse computes none (CalculateRollupField is not implemented) and would store and return whatever a caller wrote, so the
            // column is refused when loaded (round 25, session 33; before, <SourceType> and <FormulaDefinitionFileName> were ignored).
            if (attribute.Int("SourceType") is not (null or 0) || attribute.Text("FormulaDefinitionFileName") is { Length: > 0 })
            {
                var kind = attribute.Int("SourceType") switch { 1 => "calculated", 2 => "rollup", 3 => "formula", 4 => "prompt", _ => "specialized" };
                throw new SolutionFormatException(file,
                    $"{where} is a {kind} column (<SourceType>{attribute.Text("SourceType")}</SourceType>{(attribute.Text("FormulaDefinitionFileName") is { Length: > 0 } formula ? $", <FormulaDefinitionFileName>{formula}" : string.Empty)}): the local Dataverse does not compute calculated, rollup or formula columns and would store what a caller writes where Dataverse computes the value and refuses writes. Declare it as a simple column (<SourceType>0</SourceType>) or leave it out.");
            }

            var requiredText = attribute.Text("RequiredLevel") ?? "none";
            if (!XmlNames.RequiredLevels.TryGetValue(requiredText, out var required))
            {
                throw new SolutionFormatException(file, $"{where} has unknown <RequiredLevel> '{requiredText}'.");
            }

            var column = new ColumnDraft
            {
                LogicalName = logicalName,
                SchemaName = (string?)attribute.Attribute("PhysicalName") ?? attribute.Text("Name") ?? logicalName,
                DisplayName = attribute.Element("displaynames").Label() ?? logicalName,
                Description = attribute.Element("Descriptions").Label(),
                Type = type,
                File = file,
                RequiredLevel = required,
                IsCustom = attribute.Flag("IsCustomField", false),
                IsSecured = attribute.Flag("IsSecured", false),
                IsValidForCreate = attribute.Flag("ValidForCreateApi", true),
                IsValidForUpdate = attribute.Flag("ValidForUpdateApi", true),
                IsValidForRead = attribute.Flag("ValidForReadApi", true),
                MaxLength = attribute.Int("MaxLength"),
                MinValue = attribute.Decimal("MinValue"),
                MaxValue = attribute.Decimal("MaxValue"),
                Precision = attribute.Int("Accuracy"),
                PrecisionSource = attribute.Int("AccuracySource"),
                DateTimeBehavior = type == ColumnType.DateTime ? DateBehavior(attribute.Int("Behavior"), where, file) : DateTimeBehavior.UserLocal,
                OptionSetName = attribute.Text("OptionSetName"),
                Options = type == ColumnType.Boolean ? [] : OptionSetXmlReader.ReadOptions(attribute.Element("optionset")),
                TwoOptions = type == ColumnType.Boolean ? OptionSetXmlReader.ReadOptions(attribute.Element("optionset")) : [],
                Format = attribute.Text("Format"),
            };
            if (column.Type is ColumnType.String or ColumnType.Memo && column.MaxLength is null)
            {
                throw new SolutionFormatException(file, $"{where} is text but has no <MaxLength>.");
            }

            if (column.MinValue > column.MaxValue)
            {
                throw new SolutionFormatException(file, $"{where} has <MinValue> above <MaxValue>.");
            }

            return column;
        }
        catch (FormatException ex)
        {
            throw new SolutionFormatException(file, $"{where}: {ex.Message}", ex);
        }
    }

    /// <summary>The datetime column's &lt;Behavior&gt;: 1 UserLocal (also when absent), 2 DateOnly, 3 TimeZoneIndependent.</summary>
    private static DateTimeBehavior DateBehavior(int? behavior, string where, string file) => behavior switch
    {
        null or 1 => DateTimeBehavior.UserLocal,
        2 => DateTimeBehavior.DateOnly,
        3 => DateTimeBehavior.TimeZoneIndependent,
        _ => throw new SolutionFormatException(file, $"{where} has unknown <Behavior> '{behavior}' (1 UserLocal, 2 DateOnly, 3 TimeZoneIndependent)."),
    };
}
