extern alias plugins;

using System.Globalization;
using Xunit;
using BureauRating = plugins::CreditOS.CreditEngine.History.BureauRating;
using BureauReport = plugins::CreditOS.CreditEngine.History.BureauReport;
using HistoryFigures = plugins::CreditOS.Dataverse.Credit.Rescoring.HistoryFigures;
using OpenReceivableFigure = plugins::CreditOS.Dataverse.Credit.Rescoring.OpenReceivableFigure;
using PaymentWindowStats = plugins::CreditOS.CreditEngine.History.PaymentWindowStats;
using PromiseCounts = plugins::CreditOS.CreditEngine.History.PromiseCounts;

namespace CreditOS.Plugins.Tests.Payments;

/// <summary>
/// The account's history figures are written and read in place, digit by digit where that is exact (session 26): the
/// text is still what invariant formatting writes (G29 decimals, so a fraction, an exponent or a decimal past a long
/// take the framework's formatting), every value reads back as written, and figures that are not in the form are still
/// no figures.
/// </summary>
public sealed class HistoryFiguresTextTests
{
    private static readonly decimal[] Decimals =
    [
        0m, 150.00m, -12.50m, 1_234_567.891m, 0.0000001m, 79_228_162_514_264_337_593_543_950_335m, -9_223_372_036_854_775_808m,
        123_456_789_012.345678m, 1_234_567_890_123_456_789.5m, 0.5m, -0.25m,
    ];

    [Fact]
    public void EveryValue_IsWrittenAsInvariantFormattingWritesIt_AndReadsBackAsWritten()
    {
        var figures = new HistoryFigures(new DateTime(2026, 3, 7, 15, 30, 0, DateTimeKind.Utc));
        for (var window = 0; window < HistoryFigures.Windows; window++)
        {
            figures.SettledWindows[window] = new PaymentWindowStats
            {
                InvoiceCount = window * 1_000_003,
                LateCount = int.MaxValue - window,
                DaysVsDueSum = window % 2 == 0 ? -987_654_321 : int.MinValue,
                Amount = Decimals[window],
                LateAmount = Decimals[window + 5],
                AmountTimesDaysLate = Decimals[Decimals.Length - 1 - window],
                NotYetDueAmount = -Decimals[window + 3],
            };
        }

        for (var month = 0; month < figures.SettledRevenue.Length; month++)
        {
            figures.SettledRevenue[month] = Decimals[month % Decimals.Length];
        }

        figures.FirstInvoice = new DateTime(999, 1, 2, 0, 0, 0, DateTimeKind.Utc);
        figures.InvoiceCount = 42;
        figures.LargestInvoice = 0.0000001m;
        figures.Promises = new PromiseCounts(3, 0, 1);
        figures.BureauReports.Add(new BureauReport(new DateTime(2026, 2, 1, 8, 0, 0, DateTimeKind.Utc), 77, BureauRating.B, null, 14, 1, 0, 2));
        figures.Open.Add(new OpenReceivableFigure(Guid.NewGuid(), new DateTime(2026, 1, 31, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc), true, 1_250m, 1_249.99m));

        var text = figures.Serialize();

        Assert.NotNull(text);
        var revenueLine = text!.Split('\n').Single(line => line.StartsWith("r|", StringComparison.Ordinal));
        Assert.Equal("r|" + string.Join("|", figures.SettledRevenue.Select(value => value.ToString("G29", CultureInfo.InvariantCulture))), revenueLine);
        Assert.Contains("\nt|0999-01-02|42|" + 0.0000001m.ToString("G29", CultureInfo.InvariantCulture) + "\n", text, StringComparison.Ordinal);
        Assert.Contains("|" + int.MinValue.ToString(CultureInfo.InvariantCulture) + "|", text, StringComparison.Ordinal);

        var read = HistoryFigures.Parse(text);
        Assert.NotNull(read);
        Assert.Equal(text, read!.Serialize());
        Assert.Equal(figures.SettledWindows, read.SettledWindows);
        Assert.Equal(figures.SettledRevenue, read.SettledRevenue);
        Assert.Equal(figures.SettledRevenue.Select(ReadByTheFramework).Select(Scale), read.SettledRevenue.Select(Scale));
        Assert.Equal(figures.AsOf, read.AsOf);
        Assert.Equal(figures.FirstInvoice, read.FirstInvoice);
        Assert.Equal(figures.LargestInvoice, read.LargestInvoice);
        Assert.Equal(figures.Promises, read.Promises);
        Assert.Equal(figures.BureauReports, read.BureauReports);
        Assert.Equal(figures.Open, read.Open);
    }

    [Theory]
    [InlineData("w|1|2", true)] // a window line short of its fields
    [InlineData("w|1|2|x|4|5|6|7|8|9|10|11|12|13|14|15|16", true)] // a count that is not a number
    [InlineData("w|1|2|3|4|5|6|7|8|9|10|11|12|13|14|15|1.2.3", true)] // a decimal that is not one
    [InlineData("w|1|2|3|4|5|6|7|8|9|10|11|12|13|14|99999999999|16", true)] // a count past an int
    [InlineData("q|1", false)] // a kind this version does not write
    public void FiguresNotInTheForm_AreNoFigures(string badLine, bool insteadOfTheFirstWindow)
    {
        var good = new HistoryFigures(new DateTime(2026, 3, 7, 0, 0, 0, DateTimeKind.Utc)).Serialize()!;
        Assert.NotNull(HistoryFigures.Parse(good));
        var firstWindow = good.Split('\n').ToList();
        Assert.StartsWith("w|", firstWindow[2], StringComparison.Ordinal);
        firstWindow[2] = "w|1|2|3|4|5|6|7|8|9|10|11|12|13|14|15|16";
        Assert.NotNull(HistoryFigures.Parse(string.Join("\n", firstWindow)));

        var lines = good.Split('\n').ToList();
        if (insteadOfTheFirstWindow)
        {
            lines[2] = badLine;
        }
        else
        {
            lines.Insert(3, badLine);
        }

        Assert.Null(HistoryFigures.Parse(string.Join("\n", lines)));
        Assert.Null(HistoryFigures.Parse(good.Replace("asof|2026-03-07", "asof|2026-02-30", StringComparison.Ordinal)));
    }

    // What the framework reads back from the written text (G29 drops trailing zeros: 150.00 is written "150" and read 150).
    private static decimal ReadByTheFramework(decimal value) => decimal.Parse(value.ToString("G29", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);

    // The digits after the point a decimal keeps (decimal.Parse keeps "1.25" as 1.25): the fast reader keeps the same.
    private static int Scale(decimal value) => (decimal.GetBits(value)[3] >> 16) & 0xFF;
}
