using System.ServiceModel;
using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Pipeline;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Troubleshoot Dataverse plug-ins, "Transaction errors" (learn.microsoft.com/power-apps/developer/data-platform/troubleshoot-plug-in):
/// "Error Code: -2146893812 Error Message: ISV code reduced the open transaction count. Custom plug-ins should not catch exceptions
/// from OrganizationService calls and continue processing." and "Error Code: -2147220911 Error Message: There is no active
/// transaction. This error is usually caused by custom plug-ins that ignore errors from service calls and continue processing.";
/// "The top error … should occur immediately and in the context of the plug-in that contains the problem"; "any time an error
/// related to a data operation occurs within a synchronous plug-in the transaction for the entire operation will be ended". The
/// local Dataverse let a plug-in that caught a fault go on calling (its writes were accepted) and failed only at commit, with the
/// second error and not attributed to the plug-in.
/// </summary>
public sealed class SwallowedFaultProbes
{
    [Fact]
    public void APluginThatCatchesAFailedCall_AndReturns_FailsAtOnce_WithIsvReducedOpenTransactionCount()
    {
        using var env = WithStep(typeof(CatchAndReturn), PipelineStageNumber.PostOperation);

        var fault = FaultAssert.Throws(DataverseErrorCodes.IsvReducedOpenTransactionCount, () => env.Service.Create(Rows.Account("Contoso")));

        Assert.Equal(unchecked((int)0x8009000C), -2146893812);
        Assert.Equal(
            "ISV code reduced the open transaction count. Custom plug-ins should not catch exceptions from OrganizationService calls and continue processing.",
            fault.Message);
        var run = Assert.Single(env.Dataverse.PluginExecutions);
        Assert.False(run.Succeeded);
        Assert.Equal(fault.Message, run.Error);
        Assert.Equal(0, env.Dataverse.Count("account"));
    }

    [Fact]
    public void APluginThatCarriesOn_HasItsNextCallRefused_WithNoActiveTransaction_AndNothingOfItWritten()
    {
        using var env = WithStep(typeof(CatchAndCallAgain), PipelineStageNumber.PreOperation);

        var fault = FaultAssert.Throws(DataverseErrorCodes.IsvAborted, () => env.Service.Create(Rows.Account("Contoso")));

        Assert.Equal("second call: -2147220911 There is no active transaction. This error is usually caused by custom plug-ins that ignore errors from service calls and continue processing.", fault.Message);
        Assert.Equal(0, env.Dataverse.Count("contact"));
        Assert.Equal(0, env.Dataverse.Count("account"));
    }

    [Fact]
    public void ANestedPluginThatSwallows_IsNamedAsTheOneWithTheProblem_AndItsCallerSeesTheFault()
    {
        using var env = WithStep(typeof(CreateContact), PipelineStageNumber.PostOperation);
        env.Dataverse.RegisterStep(new PluginStepRegistration(typeof(CatchAndReturn), Guid.NewGuid(), "Create", "contact", PipelineStageNumber.PreOperation, false, 1, [], null, null, []));

        FaultAssert.Throws(DataverseErrorCodes.IsvReducedOpenTransactionCount, () => env.Service.Create(Rows.Account("Contoso")));

        var swallower = Assert.Single(env.Dataverse.PluginExecutions, run => run.PluginType == typeof(CatchAndReturn));
        Assert.Equal((2, false), (swallower.Depth, swallower.Succeeded));
        Assert.Equal(0, env.Dataverse.Count("account") + env.Dataverse.Count("contact"));
    }

    /// <summary>
    /// Control: a top-level PreValidation step runs before the transaction ("This stage usually occurs outside the main database
    /// transaction", Handle exceptions in a plug-in), so its failed call ends no transaction and catching it is harmless.
    /// </summary>
    [Fact]
    public void APreValidationStepOfATopLevelCall_MayCatchAFailedCall_AsNoTransactionIsOpen()
    {
        using var env = WithStep(typeof(CatchAndReturn), PipelineStageNumber.PreValidation);

        var id = env.Service.Create(Rows.Account("Contoso"));

        Assert.True(env.Service.Exists("account", id));
    }

    private static Testing.DataverseTestContext WithStep(Type plugin, PipelineStageNumber stage)
    {
        var env = TestEnvironment.Create();
        env.Dataverse.RegisterStep(new PluginStepRegistration(plugin, Guid.NewGuid(), "Create", "account", stage, false, 1, [], null, null, []));
        return env;
    }

    private static IOrganizationService ServiceOf(IServiceProvider serviceProvider) =>
        ((IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!).CreateOrganizationService(null);

    private static void RetrieveAMissingAccount(IOrganizationService service)
    {
        try
        {
            service.Retrieve("account", Guid.NewGuid(), new ColumnSet("name"));
        }
        catch (FaultException<OrganizationServiceFault>)
        {
            // Deliberately caught: what the documentation says not to do.
        }
    }

    /// <summary>Catches the fault of a Retrieve of a missing row and returns.</summary>
    public sealed class CatchAndReturn : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider) => RetrieveAMissingAccount(ServiceOf(serviceProvider));
    }

    /// <summary>Catches the fault of a Retrieve of a missing row, then creates a contact and reports how that went.</summary>
    public sealed class CatchAndCallAgain : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var service = ServiceOf(serviceProvider);
            RetrieveAMissingAccount(service);
            try
            {
                service.Create(Rows.Contact("After"));
            }
            catch (FaultException<OrganizationServiceFault> second)
            {
                throw new InvalidPluginExecutionException($"second call: {second.Detail.ErrorCode} {second.Detail.Message}");
            }

            throw new InvalidPluginExecutionException("second call: written");
        }
    }

    /// <summary>Creates a contact (where <see cref="CatchAndReturn"/> runs) and lets its fault through.</summary>
    public sealed class CreateContact : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider) => ServiceOf(serviceProvider).Create(Rows.Contact("Nested"));
    }
}
