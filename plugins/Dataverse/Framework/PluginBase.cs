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
        var step = StepOf(context);
        GuardedExecution.Run(context.TracingService, PluginName, EnteredFormat, Entered(step, context), () =>
        {
            if (!step.Declared)
            {
                RefuseUndeclaredStep(context);
            }

            ExecuteCrmPlugin(context);
        });
    }

    /// <summary>The plugin's work. Throw InvalidPluginExecutionException to stop the operation with a message for the user.</summary>
    protected abstract void ExecuteCrmPlugin(LocalPluginContext context);

    /// <summary>
    /// The entry line: "Entered", the plug-in, and the step it runs for, as
    /// <c>Entered {plug-in}: message {message} of {table} ({id}), stage {stage number} ({stage}), {mode}, depth {depth}, correlation {id}</c>.
    /// What is the step's own (the plug-in, message, table, stage and mode) is written once per step into <see cref="StepLine"/>
    /// (session 33: the stage's and mode's names were formatted on every execution, about 1% of a payment posting's CPU with
    /// the step check below); the row, depth and correlation are formatted into the trace per execution.
    /// </summary>
    private const string EnteredFormat = "{0}{1}{2}{3}, correlation {4}";

    private static object[] Entered(StepLine step, LocalPluginContext context) =>
    [
        step.Head,
        context.PrimaryEntityId,
        step.Middle,
        context.Depth,
        context.CorrelationId,
    ];

    // The steps this instance ran for (Dataverse makes one instance per step registration, so one or two): replaced whole, read without a lock.
    private StepLine[] stepLines = [];

    private StepLine StepOf(LocalPluginContext context)
    {
        var message = context.MessageName;
        var table = context.PrimaryEntityName;
        var stage = context.PluginExecutionContext.Stage;
        var mode = context.PluginExecutionContext.Mode;
        var known = stepLines;
        foreach (var line in known)
        {
            if (line.Stage == stage && line.Mode == mode && string.Equals(line.Message, message, StringComparison.Ordinal) && string.Equals(line.Table, table, StringComparison.Ordinal))
            {
                return line;
            }
        }

        var made = new StepLine(
            message,
            table,
            stage,
            mode,
            string.Format(CultureInfo.InvariantCulture, "Entered {0}: message {1} of {2} (", PluginName, message, table),
            string.Format(CultureInfo.InvariantCulture, "), stage {0} ({1}), {2}, depth ", stage, (PipelineStage)stage, (ExecutionMode)mode),
            declaredSteps.Declares(message, table, (PipelineStage)stage));
        if (known.Length < MaxStepLines)
        {
            stepLines = [.. known, made];
        }

        return made;
    }

    // A plug-in class declares a few steps; an instance that met more (which Dataverse never gives it) stops remembering them.
    private const int MaxStepLines = 8;

    /// <summary>What the entry line and the step check need from one step, made once per step and plug-in instance.</summary>
    private sealed class StepLine(string message, string table, int stage, int mode, string head, string middle, bool declared)
    {
        public string Message { get; } = message;

        public string Table { get; } = table;

        public int Stage { get; } = stage;

        public int Mode { get; } = mode;

        /// <summary>"Entered {plug-in}: message {message} of {table} (".</summary>
        public string Head { get; } = head;

        /// <summary>"), stage {number} ({name}), {mode}, depth ".</summary>
        public string Middle { get; } = middle;

        /// <summary>Whether the class declares the step (<see cref="DeclaredSteps.Declares"/>).</summary>
        public bool Declared { get; } = declared;
    }

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
