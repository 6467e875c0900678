using CreditOS.LocalDataverse.Faults;
using CreditOS.Solution.Metadata;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// The names in a key predicate (<c>accounts(accountnumber='ABC123')</c>) must be the entity type's declared key or one of its
/// alternate keys, as the OData URI parser Dataverse uses checks them before any row is looked up.
/// </summary>
public static class KeyPredicates
{
    /// <summary>
    /// Entity types that inherit their key from <c>principal</c>: "you cannot use a named primary key to reference these entities.
    /// The primary keys for both of these entities is ownerid, rather than systemuserid or teamid" (Use an alternate key to reference
    /// a record, use-alternate-key-reference-record, note under the Web API table).
    /// </summary>
    private static readonly HashSet<string> PrincipalTypes = new(StringComparer.Ordinal) { "systemuser", "team" };

    /// <summary>
    /// "If you specify a column that is not defined as a unique key, an error will be thrown … The error message is: The key in the
    /// request URI is not valid for resource 'Microsoft.Dynamics.CRM.&lt;table logical name&gt;'. Ensure that the names and number of
    /// key properties match the declared or alternate key properties for the resource 'Microsoft.Dynamics.CRM.&lt;table logical
    /// name&gt;'." (same page, "Exceptions when using alternate keys with the Web API"). The local host used to pass the names to the
    /// organization service, which answered its own SDK wording (0x80040203 "The key attributes (…) do not match an alternate key…"),
    /// 0x80041103 for a name in the wrong case, and read systemusers(systemuserid=…) as the row. The page gives no error code: the
    /// code of the OData URI parser's other errors (0x0) is answered. Names compare case-sensitively, as OData's do.
    /// </summary>
    public static void RefuseNamesThatAreNoKey(TableDefinition table, ResourcePath path)
    {
        if (path.KeyValues.Count == 0)
        {
            return;
        }

        var names = path.KeyValues.Select(pair => pair.Key).ToList();
        if (PrincipalTypes.Contains(table.LogicalName) && names is ["ownerid"])
        {
            // The declared key of a principal type is named ownerid; whether Dataverse resolves systemusers(ownerid=…) is not published.
            throw DataverseFault.NotImplemented(
                $"the key predicate ownerid=… on '{table.LogicalName}' (its declared key is ownerid, as it inherits from principal; what Dataverse answers for a named key here is not published): address the row by its id alone");
        }

        var namedPrimaryKey = names.Count == 1 && names[0] == table.PrimaryIdAttribute && !PrincipalTypes.Contains(table.LogicalName);
        var alternateKey = table.AlternateKeys.Any(key => key.Columns.Count == names.Count && key.Columns.All(names.Contains));
        if (!namedPrimaryKey && !alternateKey)
        {
            var type = "Microsoft.Dynamics.CRM." + table.LogicalName;
            throw DataverseFault.Create(WebApiErrorCodes.UriParserError,
                $"The key in the request URI is not valid for resource '{type}'. Ensure that the names and number of key properties match the declared or alternate key properties for the resource '{type}'.");
        }
    }
}
