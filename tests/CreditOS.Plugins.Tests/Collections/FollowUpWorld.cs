extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using DunningStep = plugins::CreditOS.Dataverse.Model.DunningStep;
using Email = plugins::CreditOS.Dataverse.Model.Email;
using MonitorCondition = plugins::CreditOS.Dataverse.Model.MonitorCondition;
using MonitorConditionKind = plugins::CreditOS.Dataverse.Model.MonitorConditionKind;
using RiskLevel = plugins::CreditOS.Dataverse.Model.RiskLevel;
using TaskTable = plugins::CreditOS.Dataverse.Model.Task;

namespace CreditOS.Plugins.Tests.Collections;

/// <summary>Shared steps of the condition monitor and dunning tests: configuration as Carl (Credit Administrator), the collector, what was drafted.</summary>
internal static class FollowUpWorld
{
    public const string Body = "Dear {{account}},\nour records show these invoices open:\n{{items}}\nTotal {{total}} as of {{date}}.";

    /// <summary>Carl, the Credit Administrator, configures a monitor condition.</summary>
    public static Guid ACondition(this CreditWorld world, string name, MonitorConditionKind kind, decimal threshold, int dueInDays) =>
        world.CreditAdministrator.Create(new Entity(MonitorCondition.EntityLogicalName)
        {
            [MonitorCondition.Fields.Name] = name,
            [MonitorCondition.Fields.Kind] = new OptionSetValue((int)kind),
            [MonitorCondition.Fields.Threshold] = threshold,
            [MonitorCondition.Fields.DueInDays] = dueInDays,
        });

    /// <summary>Carl configures a dunning step (every risk level unless one is given).</summary>
    public static Guid AStep(this CreditWorld world, string name, int number, int daysFromDue, bool escalates = false, RiskLevel? level = null, string body = Body)
    {
        var step = new Entity(DunningStep.EntityLogicalName)
        {
            [DunningStep.Fields.Name] = name,
            [DunningStep.Fields.StepNumber] = number,
            [DunningStep.Fields.DaysFromDue] = daysFromDue,
            [DunningStep.Fields.Escalates] = escalates,
            [DunningStep.Fields.SubjectTemplate] = "{{step}}: {{account}}, {{count}} open invoice(s), {{total}}",
            [DunningStep.Fields.BodyTemplate] = body,
        };
        if (level is { } risk)
        {
            step[DunningStep.Fields.RiskLevel] = new OptionSetValue((int)risk);
        }

        return world.CreditAdministrator.Create(step);
    }

    /// <summary>The usual sequence: first, second and final (escalating) reminders 7, 21 and 35 days after the due date.</summary>
    public static void TheUsualSequence(this CreditWorld world)
    {
        world.AStep("First reminder", 1, 7);
        world.AStep("Second reminder", 2, 21);
        world.AStep("Final reminder", 3, 35, escalates: true);
    }

    /// <summary>Carl hands the customer to the collector by hand.</summary>
    public static void CollectedBy(this CreditWorld world, Guid collector) =>
        world.CreditAdministrator.Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.CollectorId] = new EntityReference("systemuser", collector) });

    public static IReadOnlyList<Entity> TasksOnTheCustomer(this CreditWorld world) => world.Regarding(TaskTable.EntityLogicalName);

    public static IReadOnlyList<Entity> EmailsOnTheCustomer(this CreditWorld world) => world.Regarding(Email.EntityLogicalName);

    public static void Tomorrow(this CreditWorld world, int days = 1) => world.Advance(TimeSpan.FromDays(days));

    private static List<Entity> Regarding(this CreditWorld world, string table)
    {
        var query = new QueryExpression(table) { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition("regardingobjectid", ConditionOperator.Equal, CreditTestIds.Customer);
        query.AddOrder("createdon", OrderType.Ascending);
        return [.. world.Service.RetrieveMultiple(query).Entities];
    }
}
