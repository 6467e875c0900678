using System.Collections.Concurrent;
using CreditOS.LocalDataverse.Values;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Users;

/// <summary>
/// The users of the environment and their business units. The SYSTEM user and the root business unit
/// always exist; when the metadata models systemuser and businessunit they are also rows there.
/// </summary>
internal sealed class UserDirectory
{
    public const string SystemUserTable = "systemuser";
    public const string BusinessUnitTable = "businessunit";
    private const string BusinessUnitLookup = "businessunitid";
    private const string SystemUserName = "SYSTEM";
    private const string RootBusinessUnitName = "creditos-local";

    private readonly DataverseRuntime _runtime;
    private readonly ConcurrentDictionary<Guid, Guid> _businessUnitByUser = new();

    public UserDirectory(DataverseRuntime runtime)
    {
        _runtime = runtime;
        WriteRow(BusinessUnitTable, RootBusinessUnitId, RootBusinessUnitName, businessUnitId: null);
        AddUser(SystemUserId, SystemUserName, RootBusinessUnitId);
    }

    public static Guid SystemUserId { get; } = new("5e5e0000-0000-4000-8000-000000000001");

    public static Guid RootBusinessUnitId { get; } = new("b0b00000-0000-4000-8000-000000000001");

    public Guid BusinessUnitOf(Guid userId) => _businessUnitByUser.GetValueOrDefault(userId, RootBusinessUnitId);

    public bool Exists(Guid userId) => _businessUnitByUser.ContainsKey(userId);

    public Guid AddUser(Guid id, string fullName, Guid businessUnitId)
    {
        if (!_businessUnitByUser.TryAdd(id, businessUnitId))
        {
            throw new InvalidOperationException($"User {id} already exists.");
        }

        WriteRow(SystemUserTable, id, fullName, businessUnitId);
        return id;
    }

    public Guid AddBusinessUnit(Guid id, string name)
    {
        WriteRow(BusinessUnitTable, id, name, businessUnitId: null);
        return id;
    }

    // Users and business units are set up by the environment, not through the pipeline, as an administrator would.
    private void WriteRow(string tableName, Guid id, string name, Guid? businessUnitId)
    {
        var table = _runtime.Metadata.FindTable(tableName);
        if (table is null)
        {
            return;
        }

        var row = new Entity(tableName, id) { [table.PrimaryIdAttribute] = id };
        if (table.PrimaryNameAttribute is { } nameColumn)
        {
            row[nameColumn] = name;
        }

        if (businessUnitId is { } unit && table.FindColumn(BusinessUnitLookup) is not null)
        {
            row[BusinessUnitLookup] = new EntityReference(BusinessUnitTable, unit);
        }

        SystemColumnStamper.OnCreate(table, row, SystemUserId, Guid.Empty, _runtime.Clock.GetUtcNow().UtcDateTime, _runtime.NextVersion());
        var transaction = _runtime.BeginTransaction();
        transaction.LockRow(tableName, id);
        transaction.Put(tableName, row);
        transaction.Commit();
    }
}
