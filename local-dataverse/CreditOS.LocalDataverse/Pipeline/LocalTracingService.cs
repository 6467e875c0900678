using System.Globalization;
using System.Text;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Pipeline;

/// <summary>Collects what one plug-in execution traces; shown in the fault's TraceText when it fails.</summary>
internal sealed class LocalTracingService : ITracingService
{
    private readonly StringBuilder _text = new();

    public void Trace(string format, params object[] args)
    {
        var line = args is null || args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args);
        _text.AppendLine(line);
    }

    public override string ToString() => _text.ToString();
}
