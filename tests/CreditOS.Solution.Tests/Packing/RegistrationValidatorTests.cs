using CreditOS.Solution.Metadata;
using CreditOS.Solution.Packing;
using CreditOS.Solution.Packing.Registrations;

namespace CreditOS.Solution.Tests.Packing;

public sealed class RegistrationValidatorTests
{
    private const string PluginType = "Fixtures.OrderCheck";
    private static readonly MetadataCatalog Catalog = SolutionMetadataLoader.LoadEmbedded();

    [Fact]
    public void ValidStep_HasNoProblems()
    {
        Assert.Empty(Validate(Step() with { FilteringAttributes = ["totalamount", "customerid"], Message = "Update" }));
    }

    [Fact]
    public void Step_OnUnknownTable_IsReported()
    {
        var problem = Assert.Single(Validate(Step() with { PrimaryEntity = "cos_invoice" }));

        Assert.Contains("table 'cos_invoice' is not in the solution's metadata", problem, StringComparison.Ordinal);
        Assert.Contains(PluginType, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_OnUnknownMessage_IsReported()
    {
        var problem = Assert.Single(Validate(Step() with { Message = "Submit" }));

        Assert.Contains("'Submit' is neither a platform message", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_OnDeclaredCustomApi_IsAccepted()
    {
        var api = new CustomApiRegistration { UniqueName = "cos_RescoreAccount", PluginTypeName = PluginType, BoundEntity = "account" };

        Assert.Empty(Validate([Step() with { Message = "cos_RescoreAccount", PrimaryEntity = "account", Stage = 40 }], [api]));
    }

    [Fact]
    public void Step_ForTypeThatIsNotAPlugin_IsReported()
    {
        var problem = Assert.Single(Validate(Step() with { PluginTypeName = "Fixtures.Helper" }));

        Assert.Contains("'Fixtures.Helper' is not a plugin type", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(25)]
    public void Step_InAStageStepsCannotUse_IsReported(int stage)
    {
        var problem = Assert.Single(Validate(Step() with { Stage = stage }));

        Assert.Contains($"stage {stage} is not one a step may use", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AsynchronousStep_BeforePostOperation_IsReported()
    {
        var problem = Assert.Single(Validate(Step() with { Mode = 1, Stage = 20 }));

        Assert.Contains("asynchronous steps must run in PostOperation", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FilteringAttribute_ThatIsNotAColumn_IsReported()
    {
        var problem = Assert.Single(Validate(Step() with { Message = "Update", FilteringAttributes = ["totalamount", "grandtotal"] }));

        Assert.Contains("filtering attribute 'grandtotal' is not a column of 'salesorder'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FilteringAttributes_OnCreate_AreReported()
    {
        var problem = Assert.Single(Validate(Step() with { FilteringAttributes = ["totalamount"] }));

        Assert.Contains("filtering attributes apply only to Update steps", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void PreImage_OnCreate_IsReported()
    {
        var problem = Assert.Single(Validate(Step() with { Images = [Image(ImageTypes.Pre, "totalamount")] }));

        Assert.Contains("Create does not provide pre-images", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void PostImage_BeforePostOperation_IsReported()
    {
        var problem = Assert.Single(Validate(Step() with { Message = "Update", Images = [Image(ImageTypes.Post, "totalamount")] }));

        Assert.Contains("post-images exist only in PostOperation", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ImageColumn_ThatIsNotAColumn_IsReported()
    {
        var problem = Assert.Single(Validate(Step() with { Message = "Update", Images = [Image(ImageTypes.Pre, "totalamount,cos_limit")] }));

        Assert.Contains("names column 'cos_limit', which 'salesorder' does not have", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void SameStepIdTwice_IsReported()
    {
        var problem = Assert.Single(Validate([Step(), Step() with { Stage = 40 }], []));

        Assert.Contains("the step id is used by another step", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsignedAssembly_IsReported()
    {
        var assembly = Assembly([Step()], []) with { IsStrongNamed = false };

        var problem = Assert.Single(RegistrationValidator.Validate(Catalog, [assembly]));

        Assert.Contains("not strong-name signed", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomApi_BoundToUnknownTable_IsReported()
    {
        var api = new CustomApiRegistration { UniqueName = "cos_RescoreCustomer", PluginTypeName = PluginType, BoundEntity = "customer" };

        var problem = Assert.Single(Validate([], [api]));

        Assert.Contains("bound table 'customer' is not in the solution's metadata", problem, StringComparison.Ordinal);
    }

    private static StepRegistration Step() => new()
    {
        PluginTypeName = PluginType,
        Message = "Create",
        PrimaryEntity = "salesorder",
        Stage = 20,
        StepId = "6d1f3f4e-2c9b-4a57-8f0e-3b1a2c4d5e6f",
    };

    private static ImageRegistration Image(int type, string columns) => new("6d1f3f4e-2c9b-4a57-8f0e-3b1a2c4d5e6f", type, "image", columns.Split(','));

    private static IReadOnlyList<string> Validate(StepRegistration step) => Validate([step], []);

    private static IReadOnlyList<string> Validate(IReadOnlyList<StepRegistration> steps, IReadOnlyList<CustomApiRegistration> apis) =>
        RegistrationValidator.Validate(Catalog, [Assembly(steps, apis)]);

    private static PluginAssemblyDescription Assembly(IReadOnlyList<StepRegistration> steps, IReadOnlyList<CustomApiRegistration> apis) => new()
    {
        Name = "Fixtures",
        FullName = "Fixtures, Version=1.0.0.0, Culture=neutral, PublicKeyToken=0123456789abcdef",
        FilePath = "Fixtures.dll",
        IsStrongNamed = true,
        PluginTypes = [PluginType],
        Steps = steps,
        CustomApis = apis,
    };
}
