namespace CreditOS.LocalDataverse.WebApi.Batch;

/// <summary>A part of a multipart/mixed body: headers and content (line ends normalised to LF).</summary>
public sealed record MultipartSection(IReadOnlyDictionary<string, string> Headers, IReadOnlyList<string> Lines)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string? NestedBoundary => MultipartBody.BoundaryOf(Header("Content-Type"));
}

/// <summary>Reads multipart/mixed bodies as OData $batch uses them.</summary>
public static class MultipartBody
{
    public static string? BoundaryOf(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var parameter = contentType.Split(';').Skip(1)
            .Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries))
            .FirstOrDefault(pair => pair.Length == 2 && pair[0].Equals("boundary", StringComparison.OrdinalIgnoreCase));
        return parameter?[1].Trim('"');
    }

    public static IReadOnlyList<MultipartSection> Read(IReadOnlyList<string> lines, string boundary)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var delimiter = "--" + boundary;
        var sections = new List<MultipartSection>();
        List<string>? current = null;
        foreach (var line in lines)
        {
            if (line.StartsWith(delimiter, StringComparison.Ordinal))
            {
                if (current is not null)
                {
                    sections.Add(Section(current));
                }

                if (line.AsSpan(delimiter.Length).StartsWith("--"))
                {
                    return sections;
                }

                current = [];
                continue;
            }

            current?.Add(line);
        }

        throw new FormatException($"The multipart body has no closing delimiter --{boundary}--.");
    }

    public static IReadOnlyList<string> Lines(string body) => body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    /// <summary>Headers up to the first empty line, then the rest.</summary>
    public static (Dictionary<string, string> Headers, List<string> Remaining) SplitHeaders(IReadOnlyList<string> lines)
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

        return (headers, lines.Skip(index + 1).ToList());
    }

    private static MultipartSection Section(List<string> lines)
    {
        var (headers, rest) = SplitHeaders(lines);
        return new MultipartSection(headers, rest);
    }
}
