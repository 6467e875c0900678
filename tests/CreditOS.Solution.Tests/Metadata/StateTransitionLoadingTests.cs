using CreditOS.Solution.Metadata;
using CreditOS.Solution.Tests.Support;

namespace CreditOS.Solution.Tests.Metadata;

/// <summary>
/// Round 24 of the local Dataverse (session 32): custom state model transitions. "When this data is present and the table
/// EnforceStateTransitions property is true, any incident instance can only be changed to one of the allowed statuscode values …
/// Attempting to set an invalid value throws an error." (Define custom state model transitions,
/// learn.microsoft.com/power-apps/developer/data-platform/define-custom-state-model-transitions). The loader ignored the element, so the
/// local Dataverse built from such a solution accepted every transition of the statecode's statuses; it does not read TransitionData and
/// the error is not published, so the table is now refused when loaded.
/// </summary>
public sealed class StateTransitionLoadingTests
{
    private const string ActivityFlag = "<IsActivity>0</IsActivity>";

    [Fact]
    public void ATableThatEnforcesStateTransitions_IsRefusedWhenLoaded()
    {
        using var copy = new SolutionCopy();
        var file = copy.PathOf("src/Entities/cos_payment/Entity.xml");
        copy.Replace(file, ActivityFlag, ActivityFlag + "<EnforceStateTransitions>1</EnforceStateTransitions>");

        var error = Assert.Throws<SolutionFormatException>(() => SolutionMetadataLoader.Load(copy.Root));

        Assert.Equal(file, error.File);
        Assert.Contains("does not implement custom state model transitions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_EnforceStateTransitionsZero_Loads()
    {
        using var copy = new SolutionCopy();
        copy.Replace(copy.PathOf("src/Entities/cos_payment/Entity.xml"), ActivityFlag, ActivityFlag + "<EnforceStateTransitions>0</EnforceStateTransitions>");

        var catalog = SolutionMetadataLoader.Load(copy.Root);

        Assert.Contains(catalog.Tables, table => table.LogicalName == "cos_payment");
    }
}
