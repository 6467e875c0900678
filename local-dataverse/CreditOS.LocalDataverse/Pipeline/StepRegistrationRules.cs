namespace CreditOS.LocalDataverse.Pipeline;

/// <summary>
/// The registrations Dataverse refuses, refused here at registration instead of being accepted and then never run (an
/// asynchronous step outside stage 40) or run without what they asked for (an image the message or stage cannot have).
/// <para>
/// "Register a plug-in" (learn.microsoft.com/power-apps/developer/data-platform/register-plug-in): "Asynchronous plug-ins can
/// only be registered for the PostOperation stage"; "In Dataverse, only the following messages support table images: Assign,
/// Create, Delete, DeliverIncoming, DeliverPromote, Merge, Route, Send, SetState, Update"; "You cannot have a Pre Image for the
/// Create message because the table doesn't exist yet. You cannot have a Post Image for the Delete message … You can only have
/// a Post Image for steps registered in the PostOperation stage".
/// </para>
/// <para>
/// "CustomAPI table columns" (customapi-table-columns): AllowedCustomProcessingStepType 0, None, "No custom processing steps
/// allowed", and the solution packer writes every creditOS Custom API with 0 (<c>RegistrationXml</c>); "Functions must return
/// some data. You must include at least one response property for the Custom API to be valid".
/// </para>
/// Microsoft publishes no wording for these refusals: the messages are ours and name the step.
/// </summary>
internal static class StepRegistrationRules
{
    private static readonly HashSet<string> MessagesWithImages = new(StringComparer.OrdinalIgnoreCase)
    {
        "Assign", "Create", "Delete", "DeliverIncoming", "DeliverPromote", "Merge", "Route", "Send", "SetState", "Update",
    };

    public static void Check(PluginStepRegistration step)
    {
        if (step.Stage is not (PipelineStageNumber.PreValidation or PipelineStageNumber.PreOperation or PipelineStageNumber.PostOperation))
        {
            throw Refused(step, $"stage {(int)step.Stage} is not one a step can be registered for (10 PreValidation, 20 PreOperation, 40 PostOperation)");
        }

        if (step.IsAsynchronous && step.Stage != PipelineStageNumber.PostOperation)
        {
            throw Refused(step, $"asynchronous plug-ins can only be registered for the PostOperation stage, not stage {(int)step.Stage}");
        }

        if (step.Images.Count == 0)
        {
            return;
        }

        if (!MessagesWithImages.Contains(step.Message))
        {
            throw Refused(step, $"the {step.Message} message does not support table images (only {string.Join(", ", MessagesWithImages.Order(StringComparer.Ordinal))} do)");
        }

        if (step.PreImages.Any() && string.Equals(step.Message, "Create", StringComparison.OrdinalIgnoreCase))
        {
            throw Refused(step, "a Create step cannot have a pre-image: the row does not exist yet");
        }

        if (step.PostImages.Any() && string.Equals(step.Message, "Delete", StringComparison.OrdinalIgnoreCase))
        {
            throw Refused(step, "a Delete step cannot have a post-image: the row will not exist any more");
        }

        if (step.PostImages.Any() && step.Stage != PipelineStageNumber.PostOperation)
        {
            throw Refused(step, $"only PostOperation steps can have a post-image, not stage {(int)step.Stage}");
        }
    }

    /// <summary>A step on a Custom API's message: the creditOS Custom APIs allow no custom processing steps.</summary>
    public static InvalidOperationException StepOnCustomApi(PluginStepRegistration step) =>
        Refused(step, $"{step.Message} is a Custom API whose AllowedCustomProcessingStepType is 0 (None): no custom processing steps allowed");

    public static void Check(CustomApiRegistration api)
    {
        if (api.IsFunction && api.ResponseProperties.Count == 0)
        {
            throw new InvalidOperationException(
                $"Custom API {api.UniqueName} ({api.PluginType.FullName}) is a function without a response property: functions must return some data, so Dataverse does not expose it.");
        }
    }

    private static InvalidOperationException Refused(PluginStepRegistration step, string why) =>
        new($"Dataverse refuses the step {step.StepId:D} of {step.PluginType.FullName} ({step.Message} of {step.PrimaryEntity}, stage {(int)step.Stage}): {why}.");
}
