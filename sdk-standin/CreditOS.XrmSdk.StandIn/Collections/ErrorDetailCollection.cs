namespace Microsoft.Xrm.Sdk;

/// <summary>Extra details of a fault, for example Retry-After for service protection limits.</summary>
public sealed class ErrorDetailCollection : DataCollection<string, object>
{
}
