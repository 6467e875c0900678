using System.Globalization;
using System.Text;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Pipeline;

/// <summary>Collects what one plug-in execution traces; shown in the fault's TraceText when it fails.</summary>
internal sealed class LocalTracingService : ITracingService
{
    // Room for a few lines from the start: a plug-in traces several, and growing from 16 characters allocated a chunk per line.
    private readonly StringBuilder _text = new(256);

    public void Trace(string format, params object[] args)
    {
        // Formatted straight into the text (the same invariant formatting as string.Format, without the line's own string).
        if (args is null || args.Length == 0)
        {
            _text.AppendLine(format);
        }
        else
        {
            _text.AppendFormat(CultureInfo.InvariantCulture, format, args).AppendLine();
        }
    }

    public override string ToString() => _text.ToString();
}
