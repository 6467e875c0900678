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
        GuardedExecution.Run(context.TracingService, PluginName, EnteredFormat, Entered(PluginName, context), () =>
        {
            RefuseUndeclaredStep(context);
            ExecuteCrmPlugin(context);
        });
    }

    /// <summary>The plugin's work. Throw InvalidPluginExecutionException to stop the operation with a message for the user.</summary>
    protected abstract void ExecuteCrmPlugin(LocalPluginContext context);

    /// <summary>The entry line: "Entered", the plug-in, and the step it runs for (one format, traced straight into the trace).</summary>
    private const string EnteredFormat = "Entered {0}: message {1} of {2} ({3}), stage {4} ({5}), {6}, depth {7}, correlation {8}";

    private static object[] Entered(string pluginName, LocalPluginContext context) =>
    [
        pluginName,
        context.MessageName,
        context.PrimaryEntityName,
        context.PrimaryEntityId,
        (int)context.Stage,
        context.Stage,
        context.Mode,
        context.Depth,
        context.CorrelationId,
    ];

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
