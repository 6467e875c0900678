using System.Globalization;
using System.Text;

namespace Microsoft.Xrm.Sdk;

/// <summary>The detail of a FaultException raised by the organization service.</summary>
public class OrganizationServiceFault : BaseServiceFault
{
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public OrganizationServiceFault InnerFault { get; set; }

    public string TraceText { get; set; }

    /// <summary>The fault and its inner faults, in the layout of the official SDK.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        for (var fault = this; fault is not null; fault = fault.InnerFault)
        {
            text.Append("Exception details: ").Append('\n')
                .Append("ErrorCode: 0x").Append(fault.ErrorCode.ToString("X", CultureInfo.InvariantCulture)).Append('\n')
                .Append("Message: ").Append(fault.Message).Append('\n')
                .Append("TimeStamp: ").Append(fault.Timestamp.ToString(TimestampFormat, CultureInfo.InvariantCulture)).Append('\n')
                .Append("--").Append('\n');
        }

        return text.ToString();
    }
}
