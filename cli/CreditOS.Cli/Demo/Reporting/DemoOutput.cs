using System.Globalization;

namespace CreditOS.Cli.Demo.Reporting;

/// <summary>
/// Plain-text output that reads the same in a terminal and in a CI log: numbered sections, indented detail lines,
/// and tables with right-aligned figures.
/// </summary>
internal sealed class DemoOutput(TextWriter writer)
{
    private const string Indent = "   ";
    private const string ColumnGap = "  ";
    private readonly System.Diagnostics.Stopwatch _sectionClock = new();
    private int _section;

    public void Title(string text)
    {
        writer.WriteLine(text);
        writer.WriteLine(new string('=', text.Length));
    }

    public void Section(string text)
    {
        if (_section > 0)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Indent}({_sectionClock.Elapsed.TotalSeconds:0.00} s)"));
        }

        _sectionClock.Restart();
        _section++;
        writer.WriteLine();
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_section}. {text}"));
    }

    public void Line(string text) => writer.WriteLine(Indent + text);

    /// <summary>A table; columns whose header starts with a space hint are left-aligned, the others (figures) right-aligned.</summary>
    public void Table(IReadOnlyList<TableColumn> columns, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = columns.Select((column, i) => Math.Max(column.Header.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        writer.WriteLine(Indent + string.Join(ColumnGap, columns.Select((c, i) => Cell(c, c.Header, widths[i]))));
        writer.WriteLine(Indent + string.Join(ColumnGap, widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            writer.WriteLine(Indent + string.Join(ColumnGap, columns.Select((c, i) => Cell(c, row[i], widths[i]))).TrimEnd());
        }
    }

    private static string Cell(TableColumn column, string text, int width) => column.LeftAligned ? text.PadRight(width) : text.PadLeft(width);
}

/// <summary>A table column: its header and whether it holds text (left-aligned) rather than figures.</summary>
internal sealed record TableColumn(string Header, bool LeftAligned = false);
