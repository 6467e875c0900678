namespace Microsoft.Xrm.Sdk;

/// <summary>Request parameters, response results, input/output parameters and shared variables.</summary>
public class ParameterCollection : DataCollection<string, object>
{
    public ParameterCollection()
    {
    }

    protected ParameterCollection(IDictionary<string, object> collection)
        : base(collection)
    {
    }

    /// <summary>Sets the value under the key, unless the value is null (then nothing changes).</summary>
    public void AddOrUpdateIfNotNull(string key, object obj)
    {
        if (obj is not null)
        {
            this[key] = obj;
        }
    }
}
