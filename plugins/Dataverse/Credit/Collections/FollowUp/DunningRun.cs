using CreditOS.CreditEngine;
using CreditOS.CreditEngine.Collections.Dunning;
using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using EmailTable = CreditOS.Dataverse.Model.Email;
using EngineStep = CreditOS.CreditEngine.Collections.Dunning.DunningStep;
using StepTable = CreditOS.Dataverse.Model.DunningStep;
using TaskTable = CreditOS.Dataverse.Model.Task;

namespace CreditOS.Dataverse.Credit.Collections.FollowUp;

/// <summary>
/// Dunning for one account (the engine's <see cref="DunningPlanner"/> decides): the day's letters are drafted as email
/// activities (status Draft, never sent by creditOS; the collector reviews and sends them) regarding the account and
/// owned by its collector (its owner when it has none); each invoice a letter lists records the step it reached, so
/// a step is drafted once per invoice however often the batch runs. Each letter is addressed (the engine's
/// <see cref="DunningRecipients"/> decides): to the primary contact or the account, from the collector or the owner,
/// an escalating step copying the account owner and the Finance approvers' queue; the parties go in the email's
/// PartyList columns, so they are part of its Create (no extra call). A letter with no address is drafted without a
/// recipient, its text opening with a note to the collector. An escalating step also gives the account owner and the
/// Finance team a task with the figures. Reads: the steps (1; nothing more when none is configured) and the open
/// invoices (1, only when no promise pauses the sequence). Writes: per letter one email, one update per invoice, two
/// tasks when it escalates.
/// </summary>
public static class DunningRun
{
    /// <summary>Reads at most: the open invoices (the steps and the account are read by the caller).</summary>
    public const int MaximumReadCalls = 1;

    /// <summary>The active steps (one query); a template creditOS cannot fill is refused by the step's own check on save.</summary>
    public static IReadOnlyList<EngineStep> ReadSteps(IOrganizationService service)
    {
        var query = new QueryExpression(StepTable.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(
                StepTable.Fields.Name, StepTable.Fields.StepNumber, StepTable.Fields.RiskLevel, StepTable.Fields.DaysFromDue, StepTable.Fields.Escalates,
                StepTable.Fields.SubjectTemplate, StepTable.Fields.BodyTemplate),
        };
        query.Criteria.AddCondition(StepTable.Fields.StateCode, ConditionOperator.Equal, 0);
        return [.. service.RetrieveMultiple(query).Entities.Select(ToEngine)];
    }

    public static EngineStep ToEngine(Entity row) => new(
        row.Id,
        row.GetAttributeValue<string>(StepTable.Fields.Name) ?? row.Id.ToString(),
        row.GetAttributeValue<int?>(StepTable.Fields.StepNumber) ?? 0,
        CollectorAssigner.RiskLevelOf(row.ChoiceOrNull(StepTable.Fields.RiskLevel)),
        row.GetAttributeValue<int?>(StepTable.Fields.DaysFromDue) ?? 0,
        row.GetAttributeValue<bool?>(StepTable.Fields.Escalates) ?? false,
        row.GetAttributeValue<string>(StepTable.Fields.SubjectTemplate) ?? string.Empty,
        row.GetAttributeValue<string>(StepTable.Fields.BodyTemplate) ?? string.Empty);

    /// <summary>Drafts the day's letters for the account; returns the organization-service calls made.</summary>
    public static int Run(IOrganizationService service, ITracingService tracing, IReadOnlyList<EngineStep> steps, FollowUpAccount account, DateTime now) =>
        Run(service, tracing, steps, account, now, () => ReadOpenInvoices(service, [account.Id]).TryGetValue(account.Id, out var own) ? own : []);

    /// <summary>
    /// Dunning for a page of accounts (the set-based nightly batch): the open invoices of the accounts no promise pauses
    /// read in one query (paged by 5,000), then each account planned and written exactly as <see cref="Run(IOrganizationService, ITracingService, IReadOnlyList{EngineStep}, FollowUpAccount, DateTime)"/>
    /// does. Returns the calls made.
    /// </summary>
    public static int RunPage(IOrganizationService service, ITracingService tracing, IReadOnlyList<EngineStep> steps, IReadOnlyList<FollowUpAccount> accounts, DateTime now)
    {
        if (steps.Count == 0)
        {
            return 0;
        }

        var due = accounts.Where(a => !PausedByPromise(a)).Select(a => a.Id).ToList();
        var calls = 0;
        var invoices = due.Count == 0 ? [] : ReadOpenInvoices(service, due, ref calls);
        foreach (var account in accounts)
        {
            // The page read them already: the per-account read's call is not made again.
            calls += Run(service, tracing, steps, account, now, () => invoices.TryGetValue(account.Id, out var own) ? own : []) - (PausedByPromise(account) ? 0 : MaximumReadCalls);
        }

        return calls;
    }

    private static bool PausedByPromise(FollowUpAccount account) => account.OpenPromiseCount > 0;

    private static int Run(IOrganizationService service, ITracingService tracing, IReadOnlyList<EngineStep> steps, FollowUpAccount account, DateTime now, Func<List<DunningInvoice>> openInvoices)
    {
        if (steps.Count == 0)
        {
            return 0;
        }

        var dunned = new DunningAccount(
            account.Id,
            account.Name,
            account.Currency,
            CollectorAssigner.RiskLevelOf(account.RiskLevel),
            account.OpenPromiseCount > 0 ? account.NextPromiseDate ?? now.Date : null);
        if (dunned.OpenPromiseDate is { } promised)
        {
            // Paused: nothing to read or write while the customer's promise stands.
            tracing.Trace("Dunning of {0} paused: an open promise to pay by {1:yyyy-MM-dd}.", account.Name, promised);
            return 0;
        }

        var calls = MaximumReadCalls;
        DunningPlan plan;
        try
        {
            plan = DunningPlanner.Plan(steps, dunned, openInvoices(), now);
        }
        catch (CreditInputException invalid)
        {
            throw new InvalidPluginExecutionException("Dunning of " + account.Name + " cannot run: " + invalid.Message, invalid);
        }

        foreach (var draft in plan.Drafts)
        {
            calls += Write(service, account, draft, now);
            tracing.Trace("Dunning: drafted {0} for {1} ({2} invoice(s)).", draft.Step.Name, account.Name, draft.Invoices.Count);
        }

        return calls;
    }

    private static Dictionary<Guid, List<DunningInvoice>> ReadOpenInvoices(IOrganizationService service, IReadOnlyList<Guid> accountIds)
    {
        var calls = 0;
        return ReadOpenInvoices(service, accountIds, ref calls);
    }

    private static Dictionary<Guid, List<DunningInvoice>> ReadOpenInvoices(IOrganizationService service, IReadOnlyList<Guid> accountIds, ref int calls)
    {
        var query = new QueryExpression(Receivable.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(Receivable.Fields.InvoiceNumber, Receivable.Fields.DueDate, Receivable.Fields.OpenAmount, Receivable.Fields.IsDisputed, Receivable.Fields.DunningLevel, Receivable.Fields.AccountId, Receivable.Fields.ErpResyncReason),
        };
        query.Criteria.AddCondition(Receivable.Fields.AccountId, ConditionOperator.In, PageReads.Ids(accountIds));
        query.Criteria.AddCondition(Receivable.Fields.OpenAmount, ConditionOperator.GreaterThan, 0m);
        return PageReads.ByAccount(PageReads.All(service, query, ref calls), Receivable.Fields.AccountId).ToDictionary(
            byAccount => byAccount.Key,
            byAccount => byAccount.Value
                .Where(r => r.GetAttributeValue<DateTime?>(Receivable.Fields.DueDate) is not null)
                .Select(r => new DunningInvoice(
                    r.Id,
                    r.GetAttributeValue<string>(Receivable.Fields.InvoiceNumber) ?? r.Id.ToString(),
                    r.GetAttributeValue<DateTime>(Receivable.Fields.DueDate),
                    r.MoneyOrZero(Receivable.Fields.OpenAmount),
                    r.GetAttributeValue<bool?>(Receivable.Fields.IsDisputed) ?? false,
                    r.GetAttributeValue<int?>(Receivable.Fields.DunningLevel),
                    CollectionsRefresh.AwaitsErpResync(r)))
                .ToList());
    }

    /// <summary>The account's addresses and people as the engine's addressing rule takes them.</summary>
    public static DunningAddressBook AddressBookOf(FollowUpAccount account) => new(
        account.Id,
        account.Name,
        account.Email,
        account.PrimaryContact?.Id,
        account.PrimaryContactName,
        account.PrimaryContactEmail,
        account.Collector?.Id,
        account.Owner?.Id,
        account.Owner?.LogicalName == SystemUser.EntityLogicalName);

    private static int Write(IOrganizationService service, FollowUpAccount account, DunningDraft draft, DateTime now)
    {
        var addressing = DunningRecipients.For(AddressBookOf(account), draft.Step.Escalates, ApprovalConfiguration.FinanceQueueId);
        var email = new Entity(EmailTable.EntityLogicalName)
        {
            [EmailTable.Fields.Subject] = draft.Subject,
            [EmailTable.Fields.Description] = DunningRecipients.Body(addressing, draft.Body),
            [EmailTable.Fields.RegardingObjectId] = account.Reference,
            [EmailTable.Fields.DirectionCode] = true,
            [EmailTable.Fields.StatusCode] = new OptionSetValue((int)EmailStatus.Draft),
        };
        if (account.Worker is { } worker)
        {
            email[EmailTable.Fields.OwnerId] = worker;
        }

        if (addressing.To is { } to)
        {
            email[EmailTable.Fields.To] = Parties(to);
        }

        if (addressing.From is { } from)
        {
            email[EmailTable.Fields.From] = Parties(from);
        }

        if (addressing.Cc.Count > 0)
        {
            email[EmailTable.Fields.Cc] = Parties([.. addressing.Cc]);
        }

        service.Create(email);
        var calls = 1;
        foreach (var invoice in draft.Invoices)
        {
            service.Update(new Entity(Receivable.EntityLogicalName, invoice.Id)
            {
                [Receivable.Fields.DunningLevel] = draft.Step.StepNumber,
                [Receivable.Fields.LastDunnedOn] = now,
            });
            calls++;
        }

        if (draft.Escalation is { } escalation)
        {
            var owners = new List<EntityReference>();
            if (account.Owner is { } owner)
            {
                owners.Add(owner);
            }

            owners.Add(new EntityReference(Team.EntityLogicalName, ApprovalConfiguration.FinanceTeamId));
            foreach (var who in owners)
            {
                service.Create(new Entity(TaskTable.EntityLogicalName)
                {
                    [TaskTable.Fields.Subject] = Truncate("Escalated: " + draft.Subject),
                    [TaskTable.Fields.Description] = escalation,
                    [TaskTable.Fields.RegardingObjectId] = account.Reference,
                    [TaskTable.Fields.ScheduledEnd] = now.Date,
                    [TaskTable.Fields.OwnerId] = who,
                });
                calls++;
            }
        }

        return calls;
    }

    private static EntityCollection Parties(params DunningParty[] parties)
    {
        var collection = new EntityCollection { EntityName = ActivityParty.EntityLogicalName };
        foreach (var party in parties)
        {
            var row = new Entity(ActivityParty.EntityLogicalName) { [ActivityParty.Fields.PartyId] = new EntityReference(TableOf(party.Kind), party.Id) };
            if (party.Address is { } address)
            {
                row[ActivityParty.Fields.AddressUsed] = address;
            }

            collection.Entities.Add(row);
        }

        return collection;
    }

    private static string TableOf(DunningPartyKind kind) => kind switch
    {
        DunningPartyKind.Account => Account.EntityLogicalName,
        DunningPartyKind.Contact => Contact.EntityLogicalName,
        DunningPartyKind.Queue => Queue.EntityLogicalName,
        _ => SystemUser.EntityLogicalName,
    };

    private static string Truncate(string subject) => subject.Length <= 200 ? subject : subject.Substring(0, 197) + "...";
}
