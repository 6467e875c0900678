using System.ServiceModel;
using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Pipeline;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CreditOS.LocalDataverse.Service;

/// <summary>
/// CreateMultiple, UpdateMultiple and (round 11) UpsertMultiple on a standard table, as Microsoft documents them
/// ("Use bulk operation messages"):
/// one request (one call counted, one request against the service protection limits) whose <c>Targets</c> are rows of
/// one table (<c>EntityCollection.EntityName</c>, every entity of that table), all written in one transaction that rolls
/// back entirely on any error; "the respective Create and Update event occurs for each Entity instance in the Targets
/// parameter" (message pipelines merged), so every step registered on Create or Update runs per row, with its filtering
/// attributes, images and stages, as for a single Create or Update (UpsertMultiple runs each row's Upsert, which carries out
/// its Create or Update). There is no set limit on the number of rows for
/// standard tables (message size and time limits only), so none is enforced here.
/// What the local Dataverse does not do, it refuses loudly:
/// <list type="bullet">
/// <item>a bulk message sent by a plug-in or workflow activity: Microsoft does not support bulk operation messages in
/// plug-ins ("Not supported for use in plug-ins"; "Don't use batch request types in plug-ins and workflow activities"
/// lists CreateMultipleRequest and UpdateMultipleRequest), so code that would rely on it fails here first;</item>
/// <item>steps registered on the bulk messages themselves (Targets, image collections): not run here;</item>
/// <item>UpdateMultiple's <c>ConcurrencyBehavior</c>: documented as not applied in the preview (known issue), refused;</item>
/// <item>which standard tables support the messages (Microsoft: "not all"; check the table's sdkmessagefilter in a real
/// environment): every table is accepted here.</item>
/// </list>
/// </summary>
internal sealed class BulkOperationRunner(DataverseRuntime runtime)
{
    public const string CreateMultiple = "CreateMultiple";
    public const string UpdateMultiple = "UpdateMultiple";
    public const string UpsertMultiple = "UpsertMultiple";
    public const string DeleteMultiple = "DeleteMultiple";
    private const string Targets = "Targets";
    private const string Ids = "Ids";
    private const string Results = "Results";
    private const string ConcurrencyBehaviorParameter = "ConcurrencyBehavior";

    public static bool Handles(string? message) => message is CreateMultiple or UpdateMultiple or UpsertMultiple;

    /// <summary>
    /// DeleteMultiple is for elastic tables only, and every table here is a standard one: "If you use DeleteMultiple on a standard
    /// table, you get the error: DeleteMultiple has not yet been implemented." (bulk-operations, "DeleteMultiple availability"; the
    /// same live answer in MarkMpn/Sql4Cds#469). The code is not published; it keeps the local not-implemented one. Before round 11
    /// the answer was the local "does not implement message DeleteMultiple".
    /// </summary>
    public static FaultException<OrganizationServiceFault> DeleteMultipleOnAStandardTable() =>
        DataverseFault.Create(DataverseErrorCodes.UnexpectedError, "DeleteMultiple has not yet been implemented.");

    public OrganizationResponse Run(OrganizationRequest request, CallOrigin origin)
    {
        var message = request.RequestName ?? string.Empty;
        if (origin.Accounting is not null || origin.CallerDepth > 0)
        {
            throw DataverseFault.NotImplemented(
                $"{message} from a plug-in or workflow activity: Microsoft does not support the bulk operation messages in plug-ins (\"Use bulk operation messages\", Not supported for use in plug-ins; \"Don't use batch request types in plug-ins and workflow activities\"). Send one Create or Update per row from the plug-in, or the bulk message from a client application");
        }

        var targets = request.Parameters.TryGetValue(Targets, out var t) && t is EntityCollection collection
            ? collection
            : throw DataverseFault.InvalidArgument($"{message} needs Targets (an EntityCollection of rows of one table).");
        if (targets.Entities.Count == 0)
        {
            throw DataverseFault.InvalidArgument($"{message} needs at least one row in Targets.");
        }

        var table = string.IsNullOrEmpty(targets.EntityName) ? targets.Entities[0].LogicalName : targets.EntityName;
        var other = targets.Entities.FirstOrDefault(e => !string.Equals(e.LogicalName, table, StringComparison.Ordinal));
        if (other is not null)
        {
            throw DataverseFault.InvalidArgument(
                $"{message} writes rows of one table: Targets is for '{table}' and holds a row of '{other.LogicalName}'. Send one request per table.");
        }

        if (request.Parameters.TryGetValue(ConcurrencyBehaviorParameter, out var behavior) && behavior is ConcurrencyBehavior given && given != ConcurrencyBehavior.Default)
        {
            throw DataverseFault.NotImplemented(
                $"{message} with ConcurrencyBehavior {given} (Microsoft documents that UpdateMultiple applies Default whatever is set; send single Update requests with IfRowVersionMatches)");
        }

        var single = message switch
        {
            CreateMultiple => MessageNames.Create,
            UpsertMultiple => MessageNames.Upsert,
            _ => MessageNames.Update,
        };
        if (message == UpsertMultiple)
        {
            BulkDuplicateKeys.RefuseForUpsert(targets, RowKey);
        }

        foreach (var stage in new[] { PipelineStageNumber.PreValidation, PipelineStageNumber.PreOperation, PipelineStageNumber.PostOperation })
        {
            if (runtime.Steps.For(message, table, stage, asynchronous: false).Count > 0 || runtime.Steps.For(message, table, stage, asynchronous: true).Count > 0)
            {
                throw DataverseFault.NotImplemented($"steps registered on {message} of {table} (Targets and image collections); register them on {single}");
            }
        }

        var own = origin.Transaction is null ? runtime.BeginTransaction() : null;
        var inner = origin with { Transaction = origin.Transaction ?? own };
        var ids = new Guid[targets.Entities.Count];
        var upserts = new UpsertResponse[message == UpsertMultiple ? targets.Entities.Count : 0];
        var updated = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            for (var index = 0; index < targets.Entities.Count; index++)
            {
                var row = targets.Entities[index];
                if (message == UpdateMultiple && RowKey(row) is { } key && !updated.Add(key))
                {
                    // "When more than one record in the Targets parameter is uniquely identified by a primary or alternate key, the
                    // operation is performed on the first record only. Any subsequent records with the same key value(s) in the payload
                    // are ignored." (bulk-operations, "Duplicate records in UpdateMultiple Targets parameter"). Before round 10 every
                    // one was applied in turn, so the last won.
                    ids[index] = row.Id;
                    continue;
                }

                OrganizationRequest one = message switch
                {
                    CreateMultiple => new CreateRequest { Target = row },
                    UpsertMultiple => new UpsertRequest { Target = row },
                    _ => new UpdateRequest { Target = row },
                };
                foreach (var optional in request.Parameters.Where(p => p.Key is not Targets and not ConcurrencyBehaviorParameter))
                {
                    // The bulk request's optional parameters (tag, BypassCustomPluginExecution, …) apply to every row's event.
                    one.Parameters[optional.Key] = optional.Value;
                }

                var response = RunRow(single, one, row, inner);
                ids[index] = message == CreateMultiple ? (Guid)response.Results["id"] : row.Id;
                if (message == UpsertMultiple)
                {
                    // Each row's UpsertResponse (RecordCreated, Target), as UpsertMultipleResponse.Results carries them.
                    var upsert = new UpsertResponse();
                    foreach (var value in response.Results)
                    {
                        upsert.Results[value.Key] = value.Value;
                    }

                    upserts[index] = upsert;
                }
            }

            if (own is not null)
            {
                runtime.AsyncOperations.Enqueue(own.Commit());
            }
        }
        catch
        {
            own?.Rollback();
            throw;
        }

        var result = new OrganizationResponse { ResponseName = message };
        if (message == CreateMultiple)
        {
            result.Results[Ids] = ids;
        }
        else if (message == UpsertMultiple)
        {
            result.Results[Results] = upserts;
        }

        return result;
    }

    /// <summary>
    /// The row's own event, counted in the bulk request (one call), through the same pipeline as a single message. A row that does
    /// not exist is named in the bulk message's own words, "Contact With Ids = &lt;guid&gt; Do Not Exist" (bulk-operations,
    /// Troubleshooting common errors); the single Update's "With Id = … Does Not Exist" came through before round 11. Only the
    /// fault about this row is reworded, not one a plug-in's own call raised.
    /// </summary>
    private OrganizationResponse RunRow(string single, OrganizationRequest one, Entity row, CallOrigin inner)
    {
        try
        {
            return runtime.Pipeline.Run(runtime.Handlers.For(single), one, inner with { Accounting = null }, inner.CallerDepth + 1);
        }
        catch (FaultException<OrganizationServiceFault> fault) when (single == MessageNames.Update
            && fault.Detail.ErrorCode == DataverseErrorCodes.ObjectDoesNotExist
            && fault.Detail.Message == DataverseFault.RecordNotFound(row.LogicalName, row.Id).Detail.Message)
        {
            throw DataverseFault.RecordsNotFound(row.LogicalName, row.Id);
        }
    }

    /// <summary>
    /// How a row of the payload is identified: its primary key, else its alternate key values (compared as SQL Server's
    /// case-insensitive collation compares them); null when it has neither (the Update then refuses it).
    /// </summary>
    private static string? RowKey(Entity row)
    {
        if (row.Id != Guid.Empty)
        {
            return row.Id.ToString("D");
        }

        if (row.KeyAttributes is not { Count: > 0 } keys)
        {
            return null;
        }

        return string.Join("|", keys.OrderBy(k => k.Key, StringComparer.OrdinalIgnoreCase).Select(k =>
            k.Key + "=" + (k.Value is EntityReference reference ? reference.Id.ToString("D") : k.Value is OptionSetValue option ? option.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : Convert.ToString(k.Value, System.Globalization.CultureInfo.InvariantCulture))));
    }
}
