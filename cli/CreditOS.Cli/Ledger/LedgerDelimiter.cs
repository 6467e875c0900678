using System.Text;

namespace CreditOS.Cli.Ledger;

/// <summary>
/// Finds the field separator of a ledger file from its first lines: the one of comma, semicolon, tab and bar that
/// splits the most lines into the same number of fields (outside quotes). Unlike a rule that wants the separator on
/// every line, a title line, a blank line or a "Stand: 31.12.2024" above the header does not throw it off, and a
/// semicolon file whose amounts carry decimal commas is not read as comma-separated.
/// </summary>
public static class LedgerDelimiter
{
    private const int SampleLines = 60;
    private static readonly char[] Candidates = ['\t', ';', '|', ','];

    /// <summary>The separator, and a reader that still yields the whole text (the sampled lines are replayed first).</summary>
    public static char Detect(TextReader reader, out TextReader replay)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var sample = new StringBuilder();
        var lines = new List<string>();
        while (lines.Count < SampleLines && reader.ReadLine() is { } line)
        {
            sample.Append(line).Append('\n');
            lines.Add(line);
        }

        replay = new PrefixedReader(sample.ToString(), reader);
        var best = ',';
        var bestLines = 0;
        foreach (var candidate in Candidates)
        {
            // How many lines share the commonest non-zero count of this separator.
            var counts = lines.Select(l => Count(l, candidate)).Where(c => c > 0).GroupBy(c => c).Select(g => g.Count()).DefaultIfEmpty(0).Max();
            if (counts > bestLines)
            {
                best = candidate;
                bestLines = counts;
            }
        }

        return best;
    }

    /// <summary>The separator as the notes name it.</summary>
    public static string Name(char delimiter) => delimiter switch
    {
        '\t' => "tabs",
        ';' => "semicolons",
        '|' => "bars (|)",
        _ => "commas",
    };

    private static int Count(string line, char delimiter)
    {
        var count = 0;
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == delimiter && !quoted)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The sampled text, then the rest of the underlying reader.</summary>
    private sealed class PrefixedReader(string prefix, TextReader rest) : TextReader
    {
        private int _position;

        public override int Peek() => _position < prefix.Length ? prefix[_position] : rest.Peek();

        public override int Read() => _position < prefix.Length ? prefix[_position++] : rest.Read();

        public override int Read(char[] buffer, int index, int count)
        {
            if (_position < prefix.Length)
            {
                var n = Math.Min(count, prefix.Length - _position);
                prefix.CopyTo(_position, buffer, index, n);
                _position += n;
                return n;
            }

            return rest.Read(buffer, index, count);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                rest.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
