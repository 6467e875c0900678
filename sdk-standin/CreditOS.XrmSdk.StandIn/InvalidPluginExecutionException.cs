using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk;

/// <summary>The exception a plugin throws to fail the operation; its message reaches the caller as written.</summary>
[Serializable]
public sealed class InvalidPluginExecutionException : Exception
{
    private const string StatusField = "Status";
    private const string HttpStatusField = "HttpStatus";

    public InvalidPluginExecutionException()
    {
        Status = OperationStatus.Failed;
    }

    public InvalidPluginExecutionException(string message)
        : this(OperationStatus.Failed, message)
    {
    }

    public InvalidPluginExecutionException(string message, Exception exception)
        : base(message, exception)
    {
        Status = OperationStatus.Failed;
    }

    // The official type reports an empty message (not the default exception text) for this constructor.
    public InvalidPluginExecutionException(OperationStatus status)
        : base(string.Empty)
    {
        Status = status;
    }

    public InvalidPluginExecutionException(OperationStatus status, string message)
        : base(message)
    {
        Status = status;
    }

    public InvalidPluginExecutionException(OperationStatus status, int errorCode, string message)
        : base(message)
    {
        Status = status;
        HResult = errorCode;
    }

    public InvalidPluginExecutionException(string message, PluginHttpStatusCode httpStatus)
        : this(OperationStatus.Failed, message)
    {
        HttpStatus = httpStatus;
    }

    public InvalidPluginExecutionException(OperationStatus status, int errorCode, string message, PluginHttpStatusCode httpStatus)
        : this(status, errorCode, message)
    {
        HttpStatus = httpStatus;
    }

    private InvalidPluginExecutionException(SerializationInfo info, StreamingContext context)
#pragma warning disable SYSLIB0051 // legacy serialization kept for parity with the official type
        : base(info, context)
    {
        Status = (OperationStatus)info.GetInt32(StatusField);
        HttpStatus = (PluginHttpStatusCode)info.GetInt32(HttpStatusField);
    }
#pragma warning restore SYSLIB0051

    /// <summary>The exception's HResult: the code given to the constructor, otherwise the default exception code.</summary>
    public int ErrorCode => HResult;

    public PluginHttpStatusCode HttpStatus { get; }

    public OperationStatus Status { get; }

#if NET
    [Obsolete("Legacy serialization, kept for parity with the official type.", DiagnosticId = "SYSLIB0051")]
#endif
    public override void GetObjectData(SerializationInfo info, StreamingContext context)
    {
#pragma warning disable SYSLIB0051
        base.GetObjectData(info, context);
#pragma warning restore SYSLIB0051
        info.AddValue(StatusField, (int)Status);
        info.AddValue(HttpStatusField, (int)HttpStatus);
    }
}
