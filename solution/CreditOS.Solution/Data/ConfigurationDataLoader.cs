using CreditOS.Solution.Files;
using CreditOS.Solution.Validation;

namespace CreditOS.Solution.Data;

/// <summary>
/// Reads the configuration data that is not a solution component but every environment needs: the Finance approval
/// and escalation queues, the Finance approvers team and the default approval route. Tables come first-to-last in
/// dependency order, as the file lists them, so records can be created in that order.
/// </summary>
public static class ConfigurationDataLoader
{
    public const string DataFile = SolutionPaths.Data + "/data.xml";

    private static readonly Lazy<IReadOnlyList<ConfigurationRecord>> Embedded = new(() => Load(new EmbeddedSolutionFileSource()));

    public static IReadOnlyList<ConfigurationRecord> LoadEmbedded() => Embedded.Value;

    public static IReadOnlyList<ConfigurationRecord> Load(ISolutionFileSource files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var file = files.Describe(DataFile);
        var root = SolutionXml.Load(files, DataFile).Root;
        if (root is null || root.Name.LocalName != "entities")
        {
            throw new SolutionFormatException(file, "the root element must be <entities>.");
        }

        var records = new List<ConfigurationRecord>();
        foreach (var entity in root.Elements("entity"))
        {
            var table = (string?)entity.Attribute("name") ?? throw new SolutionFormatException(file, "an <entity> has no name.");
            foreach (var record in entity.Element("records")?.Elements("record") ?? [])
            {
                if (!Guid.TryParse((string?)record.Attribute("id"), out var id))
                {
                    throw new SolutionFormatException(file, $"a '{table}' record{SolutionXml.Where(record)} has no GUID id.");
                }

                var values = record.Elements("field").ToDictionary(
                    f => (string?)f.Attribute("name") ?? throw new SolutionFormatException(file, $"a field of '{table}' record {id} has no name."),
                    f => new ConfigurationValue((string?)f.Attribute("value") ?? string.Empty, (string?)f.Attribute("lookupentity")),
                    StringComparer.Ordinal);
                records.Add(new ConfigurationRecord(table, id, values));
            }
        }

        return records;
    }
}
