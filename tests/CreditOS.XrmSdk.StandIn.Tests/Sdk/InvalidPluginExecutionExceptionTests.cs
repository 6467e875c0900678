using Microsoft.Xrm.Sdk;

namespace CreditOS.XrmSdk.StandIn.Tests.Sdk;

public class InvalidPluginExecutionExceptionTests
{
    // COR_E_EXCEPTION: the HResult of a plain Exception, which the official type reports as ErrorCode.
    private const int DefaultErrorCode = -2146233088;

    [Fact]
    public void MessageConstructor_KeepsMessage_StatusFailed_DefaultCodes()
    {
        var exception = new InvalidPluginExecutionException("Credit limit exceeded");

        Assert.Equal("Credit limit exceeded", exception.Message);
        Assert.Equal(OperationStatus.Failed, exception.Status);
        Assert.Equal(DefaultErrorCode, exception.ErrorCode);
        Assert.Equal(PluginHttpStatusCode.NotSet, exception.HttpStatus);
    }

    [Fact]
    public void InnerExceptionConstructor_KeepsTheCause()
    {
        var cause = new InvalidOperationException("cause");

        var exception = new InvalidPluginExecutionException("wrapped", cause);

        Assert.Same(cause, exception.InnerException);
        Assert.Equal(OperationStatus.Failed, exception.Status);
    }

    [Fact]
    public void StatusConstructor_HasEmptyMessage()
    {
        var exception = new InvalidPluginExecutionException(OperationStatus.Canceled);

        Assert.Equal(string.Empty, exception.Message);
        Assert.Equal(OperationStatus.Canceled, exception.Status);
    }

    [Fact]
    public void StatusAndMessageConstructor_KeepsBoth()
    {
        var exception = new InvalidPluginExecutionException(OperationStatus.Retry, "try later");

        Assert.Equal(OperationStatus.Retry, exception.Status);
        Assert.Equal("try later", exception.Message);
    }

    [Fact]
    public void ErrorCodeConstructor_SetsErrorCodeAndHResult()
    {
        var exception = new InvalidPluginExecutionException(OperationStatus.Failed, -2147220891, "aborted");

        Assert.Equal(-2147220891, exception.ErrorCode);
        Assert.Equal(-2147220891, exception.HResult);
    }

    [Fact]
    public void HttpStatusConstructors_KeepTheHttpStatus()
    {
        Assert.Equal(PluginHttpStatusCode.Conflict, new InvalidPluginExecutionException("m", PluginHttpStatusCode.Conflict).HttpStatus);
        Assert.Equal(
            PluginHttpStatusCode.TooManyRequests,
            new InvalidPluginExecutionException(OperationStatus.Failed, 1, "m", PluginHttpStatusCode.TooManyRequests).HttpStatus);
    }

    [Fact]
    public void DefaultConstructor_HasTheDefaultExceptionMessage()
    {
        var exception = new InvalidPluginExecutionException();

        Assert.Contains(nameof(InvalidPluginExecutionException), exception.Message, StringComparison.Ordinal);
        Assert.Equal(OperationStatus.Failed, exception.Status);
    }
}
