using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Principal;
using Microsoft.Azure.Amqp;

namespace CreditOS.LocalServiceBus;

/// <summary>
/// What one connection may do: everything its SAS policy allows when it authenticated with SASL PLAIN (policy name
/// and key), otherwise only what the tokens it put on <c>$cbs</c> grant, entity by entity, until they expire.
/// </summary>
internal sealed class ConnectionAccess
{
    private static readonly ConditionalWeakTable<AmqpConnection, ConnectionAccess> Table = [];
    private readonly ConcurrentDictionary<string, GrantedAccess> _grants = new(StringComparer.OrdinalIgnoreCase);

    public static ConnectionAccess Of(AmqpConnection connection) => Table.GetValue(connection, static _ => new ConnectionAccess());

    public void Grant(GrantedAccess access) => _grants[access.ResourcePath] = access;

    public bool Allows(AmqpConnection connection, string entityPath, AccessRights needed, DateTimeOffset now)
    {
        if (connection.Principal is GenericPrincipal principal && principal.Identity.IsAuthenticated
            && ((AccessRights)int.Parse(principal.Identity.AuthenticationType ?? "0", System.Globalization.CultureInfo.InvariantCulture) & needed) == needed)
        {
            return true;
        }

        return _grants.Values.Any(grant => grant.Covers(entityPath, now) && (grant.Rights & needed) == needed);
    }
}
