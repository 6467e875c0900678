namespace CreditOS.Integration.Worker.Dataverse;

/// <summary>One part of a multipart/mixed body: its headers and its content.</summary>
public sealed record MultipartPart(IReadOnlyDictionary<string, string> Headers, string Content)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string? Boundary => MultipartMixed.BoundaryOf(Header("Content-Type"));
}

/// <summary>Splits multipart/mixed bodies as used by OData $batch (lines end in CRLF, LF accepted).</summary>
public static class MultipartMixed
{
    public static string? BoundaryOf(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        foreach (var parameter in contentType.Split(';').Skip(1))
        {
            var pair = parameter.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length == 2 && pair[0].Equals("boundary", StringComparison.OrdinalIgnoreCase))
            {
                return pair[1].Trim('"');
            }
        }

        return null;
    }

    public static IReadOnlyList<MultipartPart> Split(string body, string boundary)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentException.ThrowIfNullOrEmpty(boundary);
        var delimiter = "--" + boundary;
        var parts = new List<MultipartPart>();
        var lines = body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        List<string>? current = null;
        foreach (var line in lines)
        {
            if (line.StartsWith(delimiter, StringComparison.Ordinal))
            {
                if (current is not null)
                {
                    parts.Add(ParsePart(current));
                }

                current = line.AsSpan(delimiter.Length).StartsWith("--") ? null : [];
                if (current is null)
                {
                    break;
                }

                continue;
            }

            current?.Add(line);
        }

        return parts;
    }

    /// <summary>Headers up to the first blank line, then content.</summary>
    public static (IReadOnlyDictionary<string, string> Headers, string Content) SplitHeaders(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        for (; index < lines.Count && lines[index].Length > 0; index++)
        {
            var colon = lines[index].IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[lines[index][..colon].Trim()] = lines[index][(colon + 1)..].Trim();
            }
        }

        var content = string.Join("\n", lines.Skip(index + 1)).TrimEnd('\n');
        return (headers, content);
    }

    private static MultipartPart ParsePart(List<string> lines)
    {
        var (headers, content) = SplitHeaders(lines);
        return new MultipartPart(headers, content);
    }
}
