using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Service;

/// <summary>
/// The <c>SuppressDuplicateDetection</c> optional parameter. "If you want to have Dataverse throw an error when a new record you
/// create or a record you update matches the duplicate detection rules for another record, you must create or update the row using
/// the SuppressDuplicateDetection parameter with a value of false"; a match answers 0x80040333 "A record was not created or updated
/// because a duplicate of the current record already exists." (Use optional parameters, "Suppress duplicate detection"). The local
/// Dataverse runs no duplicate detection rules, so a request asking for them is refused as not implemented instead of written as if
/// no duplicate existed (the parameter used to be ignored). True, the default, suppresses what is not modelled anyway.
/// </summary>
internal static class DuplicateDetection
{
    public static void Check(OrganizationRequest request)
    {
        if (request.Parameters.TryGetValue(ParameterNames.SuppressDuplicateDetection, out var value) && Asks(value))
        {
            throw Faults.DataverseFault.NotImplemented(
                $"duplicate detection rules (the {ParameterNames.SuppressDuplicateDetection} optional parameter set to false on {request.RequestName}); the request was not carried out. Leave the parameter out, or set it to true.");
        }
    }

    /// <summary>False (or "false") asks for detection.</summary>
    private static bool Asks(object? value) => value switch
    {
        bool flag => !flag,
        string text => bool.TryParse(text.Trim(), out var flag) && !flag,
        _ => false,
    };
}
