using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CreditOS.LocalDataverse.Tests.OrganizationService;

public sealed class BatchTests
{
    [Fact]
    public void ExecuteMultiple_ReturnResponses_GivesOneResponsePerRequest()
    {
        using var env = TestEnvironment.Create();
        var request = Multiple(continueOnError: false, returnResponses: true, Create("A"), Create("B"));

        var response = (ExecuteMultipleResponse)env.Service.Execute(request);

        Assert.False(response.IsFaulted);
        Assert.Equal([0, 1], response.Responses.Select(r => r.RequestIndex));
        Assert.All(response.Responses, r => Assert.IsType<CreateResponse>(r.Response));
        Assert.Equal(2, env.Dataverse.Count("account"));
    }

    [Fact]
    public void ExecuteMultiple_StopsAtFirstFault_WithoutContinueOnError()
    {
        using var env = TestEnvironment.Create();
        var request = Multiple(continueOnError: false, returnResponses: false, Create("A"), Create(new string('x', 200)), Create("C"));

        var response = (ExecuteMultipleResponse)env.Service.Execute(request);

        Assert.True(response.IsFaulted);
        var item = Assert.Single(response.Responses);
        Assert.Equal(1, item.RequestIndex);
        Assert.Equal(DataverseErrorCodes.StringLengthTooLong, item.Fault.ErrorCode);
        Assert.Equal(1, env.Dataverse.Count("account"));
    }

    [Fact]
    public void ExecuteMultiple_ContinuesAfterFault_WithContinueOnError_EachRequestItsOwnTransaction()
    {
        using var env = TestEnvironment.Create();
        var request = Multiple(continueOnError: true, returnResponses: true, Create("A"), Create(new string('x', 200)), Create("C"));

        var response = (ExecuteMultipleResponse)env.Service.Execute(request);

        Assert.True(response.IsFaulted);
        Assert.Equal(3, response.Responses.Count);
        Assert.NotNull(response.Responses[1].Fault);
        Assert.Equal(2, env.Dataverse.Count("account"));
    }

    [Fact]
    public void ExecuteMultiple_OverOneThousandRequests_FailsWithMaxBatchSize()
    {
        using var env = TestEnvironment.Create();
        var request = Multiple(continueOnError: true, returnResponses: false, Enumerable.Range(0, 1001).Select(i => Create("A" + i)).ToArray());

        var fault = FaultAssert.Throws(DataverseErrorCodes.ExecuteMultipleBatchSizeExceeded, () => env.Service.Execute(request));

        Assert.Equal(1000, fault.ErrorDetails["MaxBatchSize"]);
        Assert.Contains("(1001) exceeds the maximum batch size of 1000; no request was executed", fault.Message, StringComparison.Ordinal);
        Assert.Equal(0, env.Dataverse.Count("account"));
    }

    [Fact]
    public void ExecuteMultiple_InsideExecuteMultiple_FaultsThatItem_NotTheBatch()
    {
        // "An ExecuteMultipleRequest found in the request collection will generate a fault for that request item" (session 13).
        using var env = TestEnvironment.Create();
        var request = Multiple(continueOnError: true, returnResponses: false, Multiple(continueOnError: true, returnResponses: false, Create("A")));

        var response = (ExecuteMultipleResponse)env.Service.Execute(request);

        Assert.Equal(DataverseErrorCodes.InvalidArgument, Assert.Single(response.Responses).Fault.ErrorCode);
        Assert.Equal(0, env.Dataverse.Count("account"));
    }

    [Fact]
    public void ExecuteTransaction_CommitsAllRequestsTogether_AndReturnsResponses()
    {
        using var env = TestEnvironment.Create();
        var request = new ExecuteTransactionRequest { Requests = [Create("A"), Create("B")], ReturnResponses = true };

        var response = (ExecuteTransactionResponse)env.Service.Execute(request);

        Assert.Equal(2, response.Responses.Count);
        Assert.Equal(2, env.Dataverse.Count("account"));
    }

    [Fact]
    public void ExecuteTransaction_RollsBackEverything_WhenOneRequestFails()
    {
        using var env = TestEnvironment.Create();
        var request = new ExecuteTransactionRequest { Requests = [Create("A"), Create("B"), Create(new string('x', 200))] };

        var fault = FaultAssert.Throws(DataverseErrorCodes.StringLengthTooLong, () => env.Service.Execute(request));

        Assert.Equal(2, Assert.IsType<ExecuteTransactionFault>(fault).FaultedRequestIndex);
        Assert.Equal(0, env.Dataverse.Count("account"));
    }

    [Fact]
    public void ExecuteTransaction_SeesItsOwnEarlierWrites()
    {
        using var env = TestEnvironment.Create();
        var id = Guid.NewGuid();
        var request = new ExecuteTransactionRequest
        {
            Requests =
            [
                new CreateRequest { Target = new Entity("account", id) { ["name"] = "A" } },
                new UpdateRequest { Target = new Entity("account", id) { ["name"] = "A2" } },
            ],
        };

        env.Service.Execute(request);

        Assert.Equal("A2", env.Service.Get("account", id, "name").GetAttributeValue<string>("name"));
    }

    private static CreateRequest Create(string name) => new() { Target = Rows.Account(name) };

    private static ExecuteMultipleRequest Multiple(bool continueOnError, bool returnResponses, params OrganizationRequest[] requests)
    {
        var request = new ExecuteMultipleRequest
        {
            Settings = new ExecuteMultipleSettings { ContinueOnError = continueOnError, ReturnResponses = returnResponses },
            Requests = [],
        };
        request.Requests.AddRange(requests);
        return request;
    }
}
