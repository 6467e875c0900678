using System.Collections.Concurrent;
using CreditOS.LocalDataverse.Security;
using CreditOS.LocalDataverse.Values;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Users;

/// <summary>
/// The users of the environment and their business units. The SYSTEM user and the root business unit always
/// exist; when the metadata models systemuser and businessunit they are also rows there. The solution's security
/// roles, the System Administrator role and the field security profiles are rows from the start, as after an import.
/// </summary>
internal sealed class UserDirectory
{
    public const string SystemUserTable = "systemuser";
    public const string BusinessUnitTable = "businessunit";
    private const string TeamTable = "team";
    private const string RoleTable = "role";
    private const string ProfileTable = "fieldsecurityprofile";
    private const string BusinessUnitLookup = "businessunitid";
    private const string ParentBusinessUnitLookup = "parentbusinessunitid";
    private const string SystemUserName = "SYSTEM";
    public const string EntraObjectIdColumn = "azureactivedirectoryobjectid";
    private const string RootBusinessUnitName = "creditos-local";

    private readonly DataverseRuntime _runtime;
    private readonly ConcurrentDictionary<Guid, Guid> _businessUnitByUser = new();

    public UserDirectory(DataverseRuntime runtime)
    {
        _runtime = runtime;
        WriteRow(BusinessUnitTable, RootBusinessUnitId, RootBusinessUnitName, BusinessUnitLookup, businessUnitId: null);
        AddUser(SystemUserId, SystemUserName, RootBusinessUnitId);
        WriteRow(RoleTable, SecurityModel.SystemAdministratorRoleId, SecurityModel.SystemAdministratorRoleName, BusinessUnitLookup, RootBusinessUnitId);
        foreach (var (id, name) in runtime.Security.SolutionRoles)
        {
            WriteRow(RoleTable, id, name, BusinessUnitLookup, RootBusinessUnitId);
        }

        WriteRow(ProfileTable, SecurityModel.SystemAdministratorProfileId, SecurityModel.SystemAdministratorProfileName, BusinessUnitLookup, businessUnitId: null);
        foreach (var (id, name) in runtime.Security.SolutionProfiles)
        {
            WriteRow(ProfileTable, id, name, BusinessUnitLookup, businessUnitId: null);
        }
    }

    public static Guid SystemUserId { get; } = new("5e5e0000-0000-4000-8000-000000000001");

    public static Guid RootBusinessUnitId { get; } = new("b0b00000-0000-4000-8000-000000000001");

    public Guid BusinessUnitOf(Guid userId) => _businessUnitByUser.GetValueOrDefault(userId, RootBusinessUnitId);

    public bool Exists(Guid userId) => _businessUnitByUser.ContainsKey(userId);

    /// <summary>The business unit a row's owner belongs to: the user's, or the owning team's (what owningbusinessunit records).</summary>
    public Guid BusinessUnitOfOwner(EntityReference? owner, Func<string, Guid, Entity?> findRow)
    {
        if (owner is null)
        {
            return Guid.Empty;
        }

        return owner.LogicalName == TeamTable
            ? findRow(TeamTable, owner.Id)?.GetAttributeValue<EntityReference>(BusinessUnitLookup)?.Id ?? RootBusinessUnitId
            : BusinessUnitOf(owner.Id);
    }

    public Guid AddUser(Guid id, string fullName, Guid businessUnitId)
    {
        if (!_businessUnitByUser.TryAdd(id, businessUnitId))
        {
            throw new InvalidOperationException($"User {id} already exists.");
        }

        WriteRow(SystemUserTable, id, fullName, BusinessUnitLookup, businessUnitId, (DomainNameColumn, DomainNameOf(fullName)));
        return id;
    }

    /// <summary>
    /// Records the user's Microsoft Entra object id (<c>systemuser.azureactivedirectoryobjectid</c>), as the directory sync
    /// does: the column is read-only through the API.
    /// </summary>
    public void SetEntraObjectId(Guid userId, Guid objectId)
    {
        var table = _runtime.Metadata.FindTable(SystemUserTable);
        if (table?.FindColumn(EntraObjectIdColumn) is null)
        {
            throw new InvalidOperationException($"The metadata's systemuser has no {EntraObjectIdColumn} column.");
        }

        if (!Exists(userId))
        {
            throw new ArgumentException($"No user {userId:D}.", nameof(userId));
        }

        var transaction = _runtime.BeginTransaction();
        transaction.LockRow(SystemUserTable, userId);
        var stored = transaction.Find(SystemUserTable, userId)!;
        var row = new Entity(SystemUserTable, userId);
        foreach (var (column, value) in stored.Attributes)
        {
            row[column] = value;
        }

        row[EntraObjectIdColumn] = objectId;
        SystemColumnStamper.OnUpdate(table, row, stateChanged: false, statusGiven: false, SystemUserId, _runtime.Clock.GetUtcNow().UtcDateTime, _runtime.NextVersion());
        transaction.Put(SystemUserTable, row);
        transaction.Commit();
    }

    /// <summary>A business unit under <paramref name="parentId"/> (the root business unit when null).</summary>
    public Guid AddBusinessUnit(Guid id, string name, Guid? parentId = null)
    {
        WriteRow(BusinessUnitTable, id, name, ParentBusinessUnitLookup, parentId ?? RootBusinessUnitId);
        return id;
    }

    // Users, business units, roles and profiles are set up by the environment, not through the pipeline, as an administrator would.
    // domainname is system-required on systemuser (a user's sign-in name): without it any Update of a user, SetState
    // included, would be refused as missing a required column.
    private const string DomainNameColumn = "domainname";

    private static string DomainNameOf(string fullName) =>
        string.Join('.', fullName.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)) + "@" + RootBusinessUnitName + ".example";

    private void WriteRow(string tableName, Guid id, string name, string businessUnitColumn, Guid? businessUnitId, (string Column, object Value)? extra = null)
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

        if (businessUnitId is { } unit && table.FindColumn(businessUnitColumn) is not null)
        {
            row[businessUnitColumn] = new EntityReference(BusinessUnitTable, unit);
        }

        if (extra is { } column && table.FindColumn(column.Column) is not null)
        {
            row[column.Column] = column.Value;
        }

        SystemColumnStamper.OnCreate(table, row, SystemUserId, Guid.Empty, _runtime.Clock.GetUtcNow().UtcDateTime, _runtime.NextVersion());
        var transaction = _runtime.BeginTransaction();
        transaction.LockRow(tableName, id);
        transaction.Put(tableName, row);
        transaction.Commit();
    }
}
