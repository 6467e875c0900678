using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Faults of the batch messages as Microsoft documents them. "No recursion is allowed: ExecuteMultipleRequest cannot invoke
/// ExecuteMultipleRequest. An ExecuteMultipleRequest found in the request collection will generate a fault for that request
/// item" (Execute multiple requests using the Organization service, "Run-time limitations"): the local Dataverse refused the
/// whole batch before any item ran. "Should any one of the requests fail and the transaction is rolled back … a
/// ExecuteTransactionFault is returned identifying the index into the request collection of the request message that caused
/// the fault", and Microsoft's example reads it as ((ExecuteTransactionFault)ex.Detail).FaultedRequestIndex (Execute messages
/// in a single database transaction): the local detail was a plain OrganizationServiceFault with the index in ErrorDetails,
/// so that cast threw.
/// </summary>
public sealed class BatchFaultProbes
{
    [Fact]
    public void ANestedExecuteMultiple_FaultsItsOwnItem_AndTheOtherItemsRun()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();

        var response = (ExecuteMultipleResponse)service.Execute(Batch(continueOnError: true, CreateAccount("First"), Batch(continueOnError: true), CreateAccount("Third")));

        Assert.True(response.IsFaulted);
        Assert.Equal([0, 1, 2], response.Responses.Select(item => item.RequestIndex));
        Assert.IsType<CreateResponse>(response.Responses[0].Response);
        Assert.Equal(DataverseErrorCodes.InvalidArgument, response.Responses[1].Fault.ErrorCode);
        Assert.IsType<CreateResponse>(response.Responses[2].Response);
        Assert.Equal(2, dataverse.Count("account"));
    }

    [Fact]
    public void ANestedExecuteMultiple_WithoutContinueOnError_StopsTheBatchAtThatItem()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();

        var response = (ExecuteMultipleResponse)service.Execute(Batch(continueOnError: false, CreateAccount("First"), Batch(continueOnError: true), CreateAccount("Third")));

        Assert.True(response.IsFaulted);
        Assert.Equal([0, 1], response.Responses.Select(item => item.RequestIndex));
        Assert.NotNull(response.Responses[1].Fault);
        Assert.Equal(1, dataverse.Count("account"));
    }

    [Fact]
    public void AFailedExecuteTransaction_ReturnsAnExecuteTransactionFault_NamingTheFailingRequest()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var request = new ExecuteTransactionRequest { Requests = [CreateAccount("First"), CreateAccount(new string('x', 161)), CreateAccount("Third")] };

        var fault = FaultAssert.Throws(DataverseErrorCodes.StringLengthTooLong, () => service.Execute(request));

        var transactionFault = Assert.IsType<ExecuteTransactionFault>(fault);
        Assert.Equal(1, transactionFault.FaultedRequestIndex);
        Assert.Contains("exceeded the maximum allowed length of '160'", transactionFault.Message, StringComparison.Ordinal);
        Assert.Equal(0, dataverse.Count("account"));
    }

    private static CreateRequest CreateAccount(string name) => new() { Target = new Entity("account") { ["name"] = name } };

    private static ExecuteMultipleRequest Batch(bool continueOnError, params OrganizationRequest[] requests) => new()
    {
        Settings = new ExecuteMultipleSettings { ContinueOnError = continueOnError, ReturnResponses = true },
        Requests = [.. requests],
    };
}
