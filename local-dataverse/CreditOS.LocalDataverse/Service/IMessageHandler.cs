using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Service;

/// <summary>The core operation (stage 30) of one message.</summary>
internal interface IMessageHandler
{
    string MessageName { get; }

    /// <summary>Names the primary table and row (resolving alternate keys) before the pipeline starts.</summary>
    void Describe(MessageContext context);

    /// <summary>Does the work inside the transaction, filling <see cref="MessageContext.Output"/>.</summary>
    void Execute(MessageContext context);

    OrganizationResponse Respond(MessageContext context);
}
