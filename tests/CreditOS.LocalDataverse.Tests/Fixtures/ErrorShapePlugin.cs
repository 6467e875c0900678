using CreditOS.Dataverse.Framework.Registration;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Fixtures;

/// <summary>
/// Refuses the creation of a credit policy with the InvalidPluginExecutionException constructor its name asks for, so the
/// probes see what each one becomes for the caller (Probes/PluginErrorProbes).
/// </summary>
[PluginStep("Create", "cos_creditpolicy", PipelineStage.PreValidation, "7a000000-0000-4000-8000-000000000e10")]
public sealed class ErrorShapePlugin : IPlugin
{
    /// <summary>Microsoft's example in "Include more details with errors": (OperationStatus.Canceled, 12345, "Example Error Message.").</summary>
    public const string CanceledWithCode = "canceled-12345";

    /// <summary>InvalidPluginExecutionException("The policy exists.", PluginHttpStatusCode.Conflict).</summary>
    public const string Conflict = "conflict";

    /// <summary>InvalidPluginExecutionException(OperationStatus.Failed, 0x8004E023, "…", PluginHttpStatusCode.NotFound).</summary>
    public const string CodedNotFound = "coded-not-found";

    /// <summary>InvalidPluginExecutionException("Refused.").</summary>
    public const string Plain = "plain";

    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var name = ((Entity)context.InputParameters["Target"]).GetAttributeValue<string>("cos_name");
        switch (name)
        {
            case CanceledWithCode:
                throw new InvalidPluginExecutionException(OperationStatus.Canceled, 12345, "Example Error Message.");
            case Conflict:
                throw new InvalidPluginExecutionException("The policy exists.", PluginHttpStatusCode.Conflict);
            case CodedNotFound:
                throw new InvalidPluginExecutionException(OperationStatus.Failed, unchecked((int)0x8004E023), "No such policy source.", PluginHttpStatusCode.NotFound);
            case Plain:
                throw new InvalidPluginExecutionException("Refused.");
        }
    }
}
