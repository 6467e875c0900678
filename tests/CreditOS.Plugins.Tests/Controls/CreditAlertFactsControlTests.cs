extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using Alert = plugins::CreditOS.Dataverse.Model.CreditAlert;
using AlertType = plugins::CreditOS.Dataverse.Model.CreditAlertType;
using Guard = plugins::CreditOS.Plugins.CreditAlertGuardPlugin;
using Policy = plugins::CreditOS.Dataverse.Model.CreditPolicy;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 24's left item (session 31): Fiona (Finance Approver + Credit Deciders) writes credit alerts (Global
/// Write, to acknowledge and close them). The threshold evaluator keeps one active alert per account, type and threshold
/// and raises nothing while it finds one, so Fiona rewrote the warning alert's threshold to the critical one and, when
/// the account crossed the critical threshold, no critical alert was raised; Ada (System Administrator) could enter such
/// an alert outright. What an alert records is now the credit flow's; Fiona still acknowledges, notes and closes alerts.
/// </summary>
public sealed class CreditAlertFactsControlTests : IDisposable
{
    private const int Inactive = 1;
    private const int InactiveStatus = 2;
    private readonly CreditWorld world = CreditWorld.WithPluginsAndApprovals();

    public void Dispose() => world.Dispose();

    [Fact]
    public void Fiona_CannotRewriteTheWarningAlertsThreshold_SoTheCriticalCrossingIsStillRaised_AndSheStillAcknowledgesNotesAndCloses()
    {
        var (warning, critical) = AnAccountAtTheWarningThreshold();
        var warned = Assert.Single(Alerts());
        world.ForgetExecutions();

        // The account is at 85% of its limit: Fiona makes its warning alert say "critical" before the account gets there.
        var rewritten = RefusalOf(() => world.CreditManager.Update(new Entity(Alert.EntityLogicalName, warned.Id) { [Alert.Fields.Threshold] = critical }));
        world.Service.Update(new Entity("account", CreditTestIds.Customer) { ["cos_exposure"] = new Money(96_000m) });

        // The evaluator raised the critical crossing, and the warning alert still says what it recorded.
        Assert.Single(Alerts(), a => a.GetAttributeValue<string>(Alert.Fields.Message)?.Contains($"crossed {Percent(critical)} utilization", StringComparison.Ordinal) == true);

        // Nor its type (the overdue alert would not be raised) or its key.
        var retyped = RefusalOf(() => world.CreditManager.Update(new Entity(Alert.EntityLogicalName, warned.Id) { [Alert.Fields.AlertType] = new OptionSetValue((int)AlertType.OverdueBalance) }));
        var rekeyed = RefusalOf(() => world.CreditManager.Update(new Entity(Alert.EntityLogicalName, warned.Id) { [Alert.Fields.CrossingKey] = "taken" }));
        var kept = world.Service.Retrieve(Alert.EntityLogicalName, warned.Id, new ColumnSet(Alert.Fields.Threshold, Alert.Fields.AlertType, Alert.Fields.CrossingKey));
        Assert.Equal(warning, kept.GetAttributeValue<decimal>(Alert.Fields.Threshold));
        Assert.Equal((int)AlertType.UtilizationThreshold, kept.GetAttributeValue<OptionSetValue>(Alert.Fields.AlertType).Value);
        Assert.Equal(warned.GetAttributeValue<string>(Alert.Fields.CrossingKey), kept.GetAttributeValue<string>(Alert.Fields.CrossingKey));
        var name = warned.GetAttributeValue<string>(Alert.Fields.Name);
        Assert.Equal(
            $"The credit alert '{name}' cannot be saved: cos_threshold is the credit flow's record of the crossing it raised (UtilizationThreshold, threshold {Percent(warning).TrimEnd('%')}), "
            + "written by the credit flow only, whatever your roles: alerts are raised once per account, type and threshold, so an alert that says otherwise keeps the real one from being raised. "
            + "Acknowledge the alert, write a closing note or close it; the credit flow raises and closes alerts as the figures move.",
            rewritten);
        Assert.StartsWith($"The credit alert '{name}' cannot be saved: cos_alerttype is the credit flow's record", retyped, StringComparison.Ordinal);
        Assert.StartsWith($"The credit alert '{name}' cannot be saved: cos_crossingkey is the credit flow's record", rekeyed, StringComparison.Ordinal);

        // Her work: acknowledge, a closing note, close (no call); opening a closed alert again is the credit flow's.
        world.ForgetExecutions();
        world.CreditManager.Update(new Entity(Alert.EntityLogicalName, warned.Id) { [Alert.Fields.IsAcknowledged] = true });
        world.CreditManager.Update(new Entity(Alert.EntityLogicalName, warned.Id)
        {
            [Alert.Fields.ClosingNote] = "Customer paid down; limit review booked.",
            [Alert.Fields.StateCode] = new OptionSetValue(Inactive),
            [Alert.Fields.StatusCode] = new OptionSetValue(InactiveStatus),
        });
        Assert.NotEmpty(world.ExecutionsOf(typeof(Guard)));
        Assert.All(world.ExecutionsOf(typeof(Guard)), run => Assert.Equal(0, run.ServiceCalls));
        var closed = world.Service.Retrieve(Alert.EntityLogicalName, warned.Id, new ColumnSet(Alert.Fields.IsAcknowledged, Alert.Fields.ClosingNote, Alert.Fields.StateCode));
        Assert.True(closed.GetAttributeValue<bool>(Alert.Fields.IsAcknowledged));
        Assert.Equal(Inactive, closed.GetAttributeValue<OptionSetValue>(Alert.Fields.StateCode).Value);
        var reopened = RefusalOf(() => world.CreditManager.Update(new Entity(Alert.EntityLogicalName, warned.Id) { [Alert.Fields.StateCode] = new OptionSetValue(0), [Alert.Fields.StatusCode] = new OptionSetValue(1) }));
        Assert.StartsWith($"The credit alert '{name}' cannot be saved: a closed alert is opened again by the credit flow only", reopened, StringComparison.Ordinal);
    }

    [Fact]
    public void Ada_CannotEnterAnAlertCarryingACriticalCrossing_SoTheRealOneIsStillRaised()
    {
        var (_, critical) = AnAccountAtTheWarningThreshold();

        var entered = RefusalOf(() => world.Context.As(FixedIds.AdminUser).Create(new Entity(Alert.EntityLogicalName)
        {
            [Alert.Fields.Name] = "Reviewed",
            [Alert.Fields.AccountId] = new EntityReference("account", CreditTestIds.Customer),
            [Alert.Fields.AlertType] = new OptionSetValue((int)AlertType.UtilizationThreshold),
            [Alert.Fields.Threshold] = critical,
            [Alert.Fields.CrossingKey] = "reviewed-by-ada",
            [Alert.Fields.IsAcknowledged] = true,
        }));
        world.Service.Update(new Entity("account", CreditTestIds.Customer) { ["cos_exposure"] = new Money(96_000m) });

        Assert.Single(Alerts(), a => a.GetAttributeValue<string>(Alert.Fields.Message)?.Contains($"crossed {Percent(critical)} utilization", StringComparison.Ordinal) == true);
        Assert.Equal(2, Alerts().Count);
        Assert.StartsWith("A credit alert cannot be saved: cos_accountid, cos_alerttype, cos_threshold, cos_crossingkey are the credit flow's record of the crossing it raised (UtilizationThreshold, threshold ", entered, StringComparison.Ordinal);
    }

    /// <summary>Limit 100,000 and exposure 85,000: the warning alert raised, the critical threshold not crossed yet (the standard policy's thresholds).</summary>
    private (decimal Warning, decimal Critical) AnAccountAtTheWarningThreshold()
    {
        var policy = world.Service.Retrieve(Policy.EntityLogicalName, CreditTestIds.StandardPolicy, new ColumnSet(Policy.Fields.AlertThresholdWarning, Policy.Fields.AlertThresholdCritical));
        var warning = policy.GetAttributeValue<decimal>(Policy.Fields.AlertThresholdWarning);
        var critical = policy.GetAttributeValue<decimal>(Policy.Fields.AlertThresholdCritical);
        Assert.InRange(85m, warning, critical - 0.01m);
        Assert.InRange(96m, critical, 100m);
        AnAccount().WithLimit(100_000).WithOpenReceivables(50_000).Create(world.Service);
        world.Service.Update(new Entity("account", CreditTestIds.Customer) { ["cos_exposure"] = new Money(85_000m) });
        return (warning, critical);
    }

    private List<Entity> Alerts()
    {
        var query = new QueryExpression(Alert.EntityLogicalName) { ColumnSet = new ColumnSet(Alert.Fields.Name, Alert.Fields.Threshold, Alert.Fields.Message, Alert.Fields.CrossingKey) };
        query.Criteria.AddCondition(Alert.Fields.AccountId, ConditionOperator.Equal, CreditTestIds.Customer);
        query.Criteria.AddCondition(Alert.Fields.AlertType, ConditionOperator.Equal, (int)AlertType.UtilizationThreshold);
        query.Criteria.AddCondition(Alert.Fields.StateCode, ConditionOperator.Equal, 0);
        return [.. world.Service.RetrieveMultiple(query).Entities];
    }

    private static string Percent(decimal percent) => percent.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%";

    /// <summary>The refusal's message, or null when the save went through (so a test run without the guard fails on the attack's outcome first).</summary>
    private static string? RefusalOf(Action save)
    {
        try
        {
            save();
            return null;
        }
        catch (FaultException<OrganizationServiceFault> refused)
        {
            return refused.Detail.Message;
        }
    }
}
