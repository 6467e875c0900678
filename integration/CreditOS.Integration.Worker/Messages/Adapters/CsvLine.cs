namespace CreditOS.Integration.Worker.Messages.Adapters;

/// <summary>One line of a legacy ERP's CSV export, read by header name.</summary>
internal sealed class CsvLine
{
    private readonly Dictionary<string, string> _fields;

    private CsvLine(Dictionary<string, string> fields) => _fields = fields;

    /// <summary>The message body is the header line followed by exactly one data line.</summary>
    public static CsvLine Parse(string body, char separator)
    {
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length != 2)
        {
            throw new PayloadException($"expected a header line and one data line, found {lines.Length} lines");
        }

        var headers = lines[0].Split(separator, StringSplitOptions.TrimEntries);
        var values = lines[1].Split(separator, StringSplitOptions.TrimEntries);
        if (headers.Length != values.Length)
        {
            throw new PayloadException($"the data line has {values.Length} fields but the header names {headers.Length}");
        }

        // A column named twice is ambiguous (which amount is the payment's?): refused, never the first or the last taken.
        var twice = headers.GroupBy(header => header, StringComparer.OrdinalIgnoreCase).FirstOrDefault(group => group.Count() > 1);
        if (twice is not null)
        {
            throw new PayloadException($"the header names column '{twice.Key}' {twice.Count()} times ({string.Join(";", headers)})");
        }

        return new CsvLine(headers.Zip(values).ToDictionary(pair => pair.First, pair => pair.Second, StringComparer.OrdinalIgnoreCase));
    }

    public string? Optional(string name) => _fields.TryGetValue(name, out var value) ? PayloadFields.NonBlank(value) : null;

    public string Required(string name) => Optional(name) ?? throw new PayloadException($"column '{name}' is missing or empty");
}
