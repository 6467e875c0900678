using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Pipeline;
using CreditOS.LocalDataverse.Service.Operations;

namespace CreditOS.LocalDataverse.Service;

/// <summary>The core operations by message name; Custom APIs come from the step registry.</summary>
internal sealed class MessageHandlers(StepRegistry steps)
{
    private readonly Dictionary<string, IMessageHandler> _handlers = new IMessageHandler[]
    {
        new CreateHandler(),
        new RetrieveHandler(),
        new RetrieveMultipleHandler(),
        new UpdateHandler(),
        new DeleteHandler(),
        new UpsertHandler(),
        new AssociationHandler(associate: true),
        new AssociationHandler(associate: false),
        new SetStateHandler(),
        new AssignHandler(),
        new AddToQueueHandler(),
        new WhoAmIHandler(),
        new RetrievePrincipalAccessHandler(),
    }.ToDictionary(h => h.MessageName, StringComparer.OrdinalIgnoreCase);

    public IMessageHandler For(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            throw DataverseFault.InvalidArgument("The request has no RequestName.");
        }

        if (_handlers.TryGetValue(message, out var handler))
        {
            return handler;
        }

        return steps.FindCustomApi(message) is { } api
            ? new CustomApiHandler(api)
            : throw DataverseFault.NotImplemented($"message {message}");
    }
}
