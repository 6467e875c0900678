using Microsoft.Xrm.Sdk;

namespace CreditOS.Testing.Builders;

/// <summary>Base of the fluent row builders: any column by name, a fixed id, and creation through a service.</summary>
public abstract class RowBuilder<TSelf>(string table)
    where TSelf : RowBuilder<TSelf>
{
    private readonly Entity _row = new(table);

    public TSelf WithId(Guid id)
    {
        _row.Id = id;
        return (TSelf)this;
    }

    /// <summary>Any column the specific builder has no method for.</summary>
    public TSelf With(string column, object? value)
    {
        _row[column] = value;
        return (TSelf)this;
    }

    /// <summary>A fresh entity each time, so one builder can make several rows.</summary>
    public Entity Build()
    {
        var copy = new Entity(_row.LogicalName, _row.Id);
        foreach (var attribute in _row.Attributes)
        {
            copy[attribute.Key] = attribute.Value;
        }

        return copy;
    }

    public Guid CreateIn(IOrganizationService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return service.Create(Build());
    }
}
