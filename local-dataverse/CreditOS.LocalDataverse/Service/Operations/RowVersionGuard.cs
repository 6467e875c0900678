using CreditOS.LocalDataverse.Faults;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Service.Operations;

/// <summary>
/// Optimistic concurrency of Update and Delete, as Microsoft documents it ("Optimistic concurrency",
/// learn.microsoft.com/power-apps/developer/data-platform/optimistic-concurrency): with
/// <c>ConcurrencyBehavior = IfRowVersionMatches</c> the request's RowVersion must equal the row's current one, else
/// ConcurrencyVersionMismatch 0x80060882; none given is ConcurrencyVersionNotProvided 0x80060883. Default and
/// AlwaysOverwrite write whatever the version (every table here has optimistic concurrency enabled).
/// </summary>
internal static class RowVersionGuard
{
    private const string ConcurrencyBehaviorParameter = "ConcurrencyBehavior";

    public static void Check(MessageContext context, string? requestedVersion, Entity current)
    {
        if (!context.Input.TryGetValue(ConcurrencyBehaviorParameter, out var value) || value is not ConcurrencyBehavior behavior
            || behavior != ConcurrencyBehavior.IfRowVersionMatches)
        {
            return;
        }

        if (string.IsNullOrEmpty(requestedVersion))
        {
            throw DataverseFault.Create(
                DataverseErrorCodes.ConcurrencyVersionNotProvided,
                "The RowVersion property must be provided when the value of ConcurrencyBehavior is IfVersionMatches.");
        }

        if (!string.Equals(requestedVersion, current.RowVersion, StringComparison.Ordinal))
        {
            throw DataverseFault.Create(
                DataverseErrorCodes.ConcurrencyVersionMismatch,
                "The version of the existing record doesn't match the RowVersion property provided.");
        }
    }
}
