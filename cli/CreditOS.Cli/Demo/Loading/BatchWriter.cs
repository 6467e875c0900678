using System.Globalization;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CreditOS.Cli.Demo.Loading;

/// <summary>
/// Sends requests to the organization service in ExecuteMultiple batches of at most 1,000 (Dataverse's limit),
/// stopping at the first fault with the request that failed named in the error.
/// </summary>
internal sealed class BatchWriter(IOrganizationService service)
{
    public const int MaxRequestsPerBatch = 1000;

    private readonly List<OrganizationRequest> _pending = new(MaxRequestsPerBatch);

    public int BatchesSent { get; private set; }

    public int RequestsSent { get; private set; }

    public void Create(Entity row) => Add(new CreateRequest { Target = row });

    public void Update(Entity row) => Add(new UpdateRequest { Target = row });

    public void Add(OrganizationRequest request)
    {
        _pending.Add(request);
        if (_pending.Count == MaxRequestsPerBatch)
        {
            Flush();
        }
    }

    public void Flush()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var batch = new ExecuteMultipleRequest
        {
            Requests = [.. _pending],
            Settings = new ExecuteMultipleSettings { ContinueOnError = false, ReturnResponses = false },
        };
        var response = (ExecuteMultipleResponse)service.Execute(batch);
        if (response.IsFaulted)
        {
            var failed = response.Responses.First(r => r.Fault is not null);
            var request = _pending[failed.RequestIndex];
            throw new DemoException(string.Create(
                CultureInfo.InvariantCulture,
                $"Loading stopped: {request.RequestName} of {Describe(request)} was refused: {failed.Fault.Message}"));
        }

        BatchesSent++;
        RequestsSent += _pending.Count;
        _pending.Clear();
    }

    private static string Describe(OrganizationRequest request) => request switch
    {
        CreateRequest create => create.Target.LogicalName + " " + create.Target.Id,
        UpdateRequest update => update.Target.LogicalName + " " + update.Target.Id,
        _ => "a request",
    };
}
