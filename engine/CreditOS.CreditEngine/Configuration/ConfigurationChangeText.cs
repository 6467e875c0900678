namespace CreditOS.CreditEngine.Configuration;

/// <summary>
/// The text of a proposed configuration change (controls round 14): one <c>column = value</c> line per column, as a
/// Credit Administrator types it in the app (a multi-line text column) and a reviewer reads it. An empty value clears the
/// column; blank lines and lines starting with <c>#</c> are notes. Column names are logical names, lower case. What a
/// column may hold is the Dataverse side's (it knows the tables); this only splits the text, refusing what it cannot read.
/// </summary>
public static class ConfigurationChangeText
{
    /// <summary>Whether the text names any column (a line that is neither blank nor a note).</summary>
    public static bool HasColumns(string? text) =>
        (text ?? string.Empty).Split('\n').Select(line => line.Trim()).Any(line => line.Length > 0 && !line.StartsWith("#", StringComparison.Ordinal));

    /// <summary>The columns and their values as typed (null: cleared), in the order written.</summary>
    public static IReadOnlyList<KeyValuePair<string, string?>> Parse(string? text)
    {
        var columns = new List<KeyValuePair<string, string?>>();
        var lineNumber = 0;
        foreach (var raw in (text ?? string.Empty).Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("#", StringComparison.Ordinal))
            {
                continue;
            }

            var equals = line.IndexOf('=');
            if (equals <= 0)
            {
                throw new CreditInputException($"Line {lineNumber} of the change, '{line}', is not 'column = value'.");
            }

            var column = line.Substring(0, equals).Trim().ToLowerInvariant();
            var value = line.Substring(equals + 1).Trim();
            if (columns.Any(c => c.Key == column))
            {
                throw new CreditInputException($"The change names column {column} twice (line {lineNumber}).");
            }

            columns.Add(new KeyValuePair<string, string?>(column, value.Length == 0 ? null : value));
        }

        if (columns.Count == 0)
        {
            throw new CreditInputException("The change names no column: write one 'column = value' line per column it changes.");
        }

        return columns;
    }
}
