using System.Globalization;
using CreditOS.Dataverse.Framework.Registration;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Framework;

/// <summary>
/// Base of every creditOS plugin. It builds the <see cref="LocalPluginContext"/>, traces entry and exit
/// with timings, refuses steps the class does not declare with its registration attributes, and
/// turns every failure into an InvalidPluginExecutionException that keeps the cause. Subclasses
/// implement <see cref="ExecuteCrmPlugin"/> and keep no per-call state in fields.
/// </summary>
public abstract class PluginBase : IPlugin
{
    private readonly DeclaredSteps declaredSteps;

    /// <param name="unsecureConfiguration">The step's unsecure configuration, as Dataverse passes it.</param>
    /// <param name="secureConfiguration">The step's secure configuration, as Dataverse passes it.</param>
    protected PluginBase(string? unsecureConfiguration, string? secureConfiguration)
    {
        UnsecureConfiguration = unsecureConfiguration;
        SecureConfiguration = secureConfiguration;
        PluginName = GetType().FullName ?? GetType().Name;
        declaredSteps = DeclaredSteps.Of(GetType());
    }

    protected string? UnsecureConfiguration { get; }

    protected string? SecureConfiguration { get; }

    protected string PluginName { get; }

    public void Execute(IServiceProvider serviceProvider)
    {
        var context = new LocalPluginContext(serviceProvider);
        GuardedExecution.Run(context.TracingService, PluginName, Describe(context), () =>
        {
            RefuseUndeclaredStep(context);
            ExecuteCrmPlugin(context);
        });
    }

    /// <summary>The plugin's work. Throw InvalidPluginExecutionException to stop the operation with a message for the user.</summary>
    protected abstract void ExecuteCrmPlugin(LocalPluginContext context);

    private static string Describe(LocalPluginContext context) => string.Format(
        CultureInfo.InvariantCulture,
        "message {0} of {1} ({2}), stage {3} ({4}), {5}, depth {6}, correlation {7}",
        context.MessageName,
        context.PrimaryEntityName,
        context.PrimaryEntityId,
        (int)context.Stage,
        context.Stage,
        context.Mode,
        context.Depth,
        context.CorrelationId);

    private void RefuseUndeclaredStep(LocalPluginContext context)
    {
        if (declaredSteps.Declares(context.MessageName, context.PrimaryEntityName, context.Stage))
        {
            return;
        }

        throw new InvalidPluginExecutionException(string.Format(
            CultureInfo.InvariantCulture,
            "{0} is not registered for {1} of {2} at stage {3}; it declares {4}.",
            PluginName,
            context.MessageName,
            context.PrimaryEntityName,
            context.Stage,
            declaredSteps));
    }
}
