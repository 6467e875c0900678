using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CreditOS.Integration.Worker.Configuration;

/// <summary>Rules across fields that data annotations cannot state.</summary>
internal sealed class BrokerOptionsValidator : IValidateOptions<BrokerOptions>
{
    public ValidateOptionsResult Validate(string? name, BrokerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        ValidateMembers(options.Profile, "Broker.Profile", failures);
        ValidateMembers(options.Queues, "Broker.Queues", failures);
        if (options.Transport == BrokerTransport.ServiceBus)
        {
            failures.AddRange(options.ServiceBus.Problems());
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }

        if (!string.IsNullOrEmpty(options.ServiceBus.OrderOutcomeTopic))
        {
            failures.Add($"Broker:ServiceBus:OrderOutcomeTopic '{options.ServiceBus.OrderOutcomeTopic}' is published through the official Service Bus client only (Broker:Transport ServiceBus); the AMQPNetLite transport publishes no order-outcome topic.");
        }

        if (string.IsNullOrEmpty(options.Host))
        {
            failures.Add("Broker: Host is required for the AMQPNetLite transport.");
        }

        var hasPlain = !string.IsNullOrEmpty(options.UserName);
        if (hasPlain == options.UsesSharedAccessKey)
        {
            failures.Add("Broker: set either UserName/Password (local broker) or SharedAccessKeyName/SharedAccessKey (Service Bus), not both and not neither.");
        }

        if (string.IsNullOrEmpty(options.SaslPassword))
        {
            failures.Add("Broker: the password or shared access key is missing (supply it through environment variables or user secrets).");
        }

        if (options.ReconnectMaxDelay < options.ReconnectInitialDelay)
        {
            failures.Add("Broker: ReconnectMaxDelay must not be shorter than ReconnectInitialDelay.");
        }

        if (!options.Profile.QueueAddressFormat.Contains("{0}", StringComparison.Ordinal)
            || !options.Profile.DeadLetterAddressFormat.Contains("{0}", StringComparison.Ordinal))
        {
            failures.Add("Broker.Profile: address formats must contain {0} for the queue name.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateMembers(object section, string path, List<string> failures)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(section, new ValidationContext(section), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(result => $"{path}: {result.ErrorMessage}"));
        }
    }
}
