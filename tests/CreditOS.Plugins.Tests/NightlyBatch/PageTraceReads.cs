using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace CreditOS.Plugins.Tests.NightlyBatch;

/// <summary>What a <c>cos_RescoreAccountPage</c> call's trace says it read, by table ("Page reads by table: scoring …; collections …").</summary>
internal static class PageTraceReads
{
    /// <summary>The reads of one part of the call ("scoring" or "collections") on one table; 0 when the trace names none.</summary>
    public static int Of(string trace, string part, string table)
    {
        var byTable = Regex.Match(trace, @"Page reads by table: scoring ([^;]*); collections ([^\r\n]*)\.");
        Assert.True(byTable.Success, trace);
        var reads = byTable.Groups[part == "scoring" ? 1 : 2].Value;
        return Regex.Match(reads, @"(?:^|, )" + Regex.Escape(table) + @" (\d+)") is { Success: true } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }
}
