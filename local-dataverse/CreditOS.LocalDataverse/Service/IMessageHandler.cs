using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Service;

/// <summary>The core operation (stage 30) of one message.</summary>
internal interface IMessageHandler
{
    string MessageName { get; }

    /// <summary>Names the primary table and row (resolving alternate keys) before the pipeline starts.</summary>
    void Describe(MessageContext context);

    /// <summary>
    /// The privilege checks Dataverse makes before the pre-operation stage: Microsoft's "Event execution pipeline"
    /// (learn.microsoft.com/power-apps/developer/data-platform/event-framework) puts PreValidation "before any security
    /// checks are performed to verify that the calling or logged-on user has the correct permission to perform the
    /// intended operation", and PreOperation after them. Runs inside the transaction, after stage 10, before stage 20.
    /// Checks that depend on values a pre-operation plug-in may still set (lookups, secured columns) stay in Execute.
    /// </summary>
    void Authorize(MessageContext context)
    {
    }

    /// <summary>Does the work inside the transaction, filling <see cref="MessageContext.Output"/>.</summary>
    void Execute(MessageContext context);

    OrganizationResponse Respond(MessageContext context);
}
