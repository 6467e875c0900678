using System.Text.Json.Nodes;
using CreditOS.CreditEngine.Ledger;
using CreditOS.Integration.Worker.Dataverse;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Worker.Handlers;

/// <summary>
/// The shared flow for ERP records: convert each payload, check it against the account it names, upsert the
/// valid ones by alternate key in one $batch, and complete a message only when its own write committed.
/// </summary>
public abstract class RecordBatchHandler<T>(AdapterSet<T> adapters, IAccountDirectory accounts, DataverseWebApiClient dataverse) : IMessageBatchHandler
    where T : class
{
    public async Task<IReadOnlyList<SettleDecision>> HandleAsync(IReadOnlyList<InboundMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var decisions = new SettleDecision[messages.Count];
        var adapted = messages.Select(adapters.Adapt).ToList();
        IReadOnlyDictionary<string, AccountReference> known;
        try
        {
            var numbers = adapted.Where(item => item.IsValid).Select(item => CustomerNumber(item.Value!)).ToList();
            known = numbers.Count == 0 ? new Dictionary<string, AccountReference>() : await accounts.FindAsync(numbers, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DataverseException or HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            // Without the accounts nothing valid can be written or judged: try the valid ones again later.
            for (var index = 0; index < messages.Count; index++)
            {
                decisions[index] = adapted[index].Rejection is { } rejection
                    ? DeadLetter(rejection, adapted[index].Value)
                    : SettleDecision.Abandon($"accounts could not be read: {exception.Message}");
            }

            return decisions;
        }

        var writes = new List<(int Index, BatchOperation Operation)>();
        for (var index = 0; index < messages.Count; index++)
        {
            var rejection = adapted[index].Rejection ?? KeyRejection(adapted[index].Value!) ?? DateRejection(adapted[index].Value!, messages[index].ReceivedAt) ?? Check(adapted[index].Value!, known);
            if (rejection is not null)
            {
                decisions[index] = DeadLetter(rejection, adapted[index].Value);
                continue;
            }

            var record = adapted[index].Value!;
            writes.Add((index, ToOperation(record, known[CustomerNumber(record)])));
        }

        if (writes.Count > 0)
        {
            var results = await dataverse.ExecuteBatchAsync(writes.Select(write => write.Operation).ToList(), cancellationToken).ConfigureAwait(false);
            for (var position = 0; position < writes.Count; position++)
            {
                var index = writes[position].Index;
                decisions[index] = await DecideAsync(results[position], adapted[index].Value!, cancellationToken).ConfigureAwait(false);
            }
        }

        return decisions;
    }

    protected DataverseWebApiClient Dataverse => dataverse;

    protected IAccountDirectory Accounts => accounts;

    protected abstract string CustomerNumber(T record);

    /// <summary>Refuses a record whose alternate-key values Dataverse could not resolve (see <see cref="RecordRules.AddressableKey"/>).</summary>
    protected abstract Rejection? KeyRejection(T record);

    /// <summary>Rules that need the account; null when the record may be written.</summary>
    protected abstract Rejection? Validate(T record, AccountReference account);

    protected abstract BatchOperation ToOperation(T record, AccountReference account);

    protected virtual IReadOnlyDictionary<string, object>? DeadLetterProperties(T? record) => null;

    /// <summary>The business dates the record states, each with what it is for the message (checked by <see cref="BusinessDates"/>).</summary>
    protected virtual IEnumerable<(string What, DateOnly Date)> Dates(T record) => [];

    /// <summary>The decision for a record whose write committed: completed (a handler may log or count what the answer says).</summary>
    protected virtual SettleDecision Written(T record, BatchOperationResult result) => SettleDecision.Complete();

    /// <summary>
    /// The decision for a record written create-only (If-None-Match: *) whose row already exists (412): a redelivery
    /// with the same content is done, one with different content a conflict. Null leaves 412 a refusal.
    /// </summary>
    protected virtual Task<SettleDecision?> AlreadyWrittenAsync(T record, CancellationToken cancellationToken) => Task.FromResult<SettleDecision?>(null);

    /// <summary>
    /// The decision for a record Dataverse refused (not transiently): null dead-letters it as DataverseRejected with the
    /// refusal. A handler may instead abandon it when the refusal can pass by itself (a payment whose invoice is still on
    /// its way through the other queue).
    /// </summary>
    protected virtual Task<SettleDecision?> RefusedAsync(T record, BatchOperationResult result, CancellationToken cancellationToken) => Task.FromResult<SettleDecision?>(null);

    protected SettleDecision DeadLetterFor(Rejection rejection, T? record) => DeadLetter(rejection, record);

    protected static JsonObject Lookup(JsonObject body, string navigationProperty, string entitySet, Guid id)
    {
        ArgumentNullException.ThrowIfNull(body);
        body[DataverseSchema.BindProperty(navigationProperty)] = DataverseSchema.Bind(entitySet, id);
        return body;
    }

    /// <summary>A placeholder or mistyped date (0001-01-01, 9999-12-31) is refused before it is posted (<see cref="BusinessDates"/>).</summary>
    private Rejection? DateRejection(T record, DateTimeOffset receivedAt)
    {
        foreach (var (what, date) in Dates(record))
        {
            if (BusinessDates.Refusal(what, date.ToDateTime(TimeOnly.MinValue), receivedAt.UtcDateTime) is { } refusal)
            {
                return new Rejection(RejectionReasons.MalformedPayload, refusal);
            }
        }

        return null;
    }

    private Rejection? Check(T record, IReadOnlyDictionary<string, AccountReference> known) =>
        known.TryGetValue(CustomerNumber(record), out var account)
            ? Validate(record, account)
            : new Rejection(RejectionReasons.UnknownCustomer, $"No account has customer number '{CustomerNumber(record)}'. Create the account (or correct the number in the ERP) and resubmit.");

    private async Task<SettleDecision> DecideAsync(BatchOperationResult result, T record, CancellationToken cancellationToken)
    {
        if (result.Succeeded)
        {
            return Written(record, result);
        }

        if (result.StatusCode == 412 && await AlreadyWrittenAsync(record, cancellationToken).ConfigureAwait(false) is { } decided)
        {
            return decided;
        }

        if (result.ShouldAbandon)
        {
            return SettleDecision.Abandon($"Dataverse answered {result.StatusCode}: {result.ErrorMessage}");
        }

        return await RefusedAsync(record, result, cancellationToken).ConfigureAwait(false)
            ?? DeadLetter(new Rejection(RejectionReasons.DataverseRejected, $"Dataverse refused the record ({result.StatusCode} {result.ErrorCode}): {result.ErrorMessage}"), record);
    }

    private SettleDecision DeadLetter(Rejection rejection, T? record) =>
        SettleDecision.DeadLetter(rejection.Reason, rejection.Description, DeadLetterProperties(record));
}
