namespace Microsoft.Xrm.Sdk;

/// <summary>Common shape of the faults the organization service returns.</summary>
public abstract class BaseServiceFault
{
    protected BaseServiceFault()
    {
        ErrorDetails = new ErrorDetailCollection();
    }

    public Guid ActivityId { get; set; }

    public int ErrorCode { get; set; }

    public ErrorDetailCollection ErrorDetails { get; set; }

    public string HelpLink { get; set; }

    public string Message { get; set; }

    public DateTime Timestamp { get; set; }
}
