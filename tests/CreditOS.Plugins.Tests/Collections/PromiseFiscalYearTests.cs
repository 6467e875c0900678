extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using PromiseToPay = plugins::CreditOS.Dataverse.Model.PromiseToPay;
using Settings = plugins::CreditOS.Dataverse.Credit.Collections.CollectionsSettings;
using Status = plugins::CreditOS.Dataverse.Model.PromiseToPayStatus;

namespace CreditOS.Plugins.Tests.Collections;

/// <summary>
/// Issue 13, "open, kept and broken counts for the fiscal year to date": the fiscal year is configuration (the
/// environment variable cos_FiscalYearStartMonth, read by <see cref="Settings"/>), not the calendar year. The test day is
/// 2026-01-15; a promise broken on 2025-11-26 and one kept on 2025-12-20 are outside a calendar fiscal year, both inside
/// one starting in October, and only the kept one inside one starting in December.
/// </summary>
public sealed class PromiseFiscalYearTests
{
    [Fact]
    public void TheDailyBatch_CountsThePromisesOfTheConfiguredFiscalYear_NotTheCalendarYear()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Create(world.Service);
        AnInvoice().Numbered(1).Of(1_000m).IssuedDaysAgo(50).DueAfter(30).Create(world.Service);
        AHistoricPromise(world, "Broken in November", daysAgo: 50, Status.Broken);
        AHistoricPromise(world, "Kept in December", daysAgo: 26, Status.Kept);

        world.DailyBatch();
        var calendarYear = Counts(world);
        SetFiscalYearStart(world, "10");
        world.DailyBatch();
        var fromOctober = Counts(world);
        SetFiscalYearStart(world, "12");
        world.DailyBatch();
        var fromDecember = Counts(world);

        Assert.Equal((0, 0), calendarYear);
        Assert.Equal((1, 1), fromOctober);
        Assert.Equal((1, 0), fromDecember);
    }

    [Fact]
    public void AFiscalYearStartThatIsNotAMonth_IsRefusedByName()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Create(world.Service);
        AnInvoice().Numbered(1).Of(1_000m).IssuedDaysAgo(50).DueAfter(30).Create(world.Service);
        SetFiscalYearStart(world, "13");

        var refused = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => world.DailyBatch());

        Assert.Contains("cos_FiscalYearStartMonth must be a month from 1 to 12 (got '13')", refused.Message, StringComparison.Ordinal);
    }

    private static void AHistoricPromise(CreditWorld world, string name, int daysAgo, Status status) =>
        world.Service.Create(new Entity(PromiseToPay.EntityLogicalName)
        {
            [PromiseToPay.Fields.Name] = name,
            [PromiseToPay.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
            [PromiseToPay.Fields.Amount] = new Money(1_000m),
            [PromiseToPay.Fields.PromisedOn] = CreditTestIds.Today.AddDays(-daysAgo - 10),
            [PromiseToPay.Fields.PromisedFor] = CreditTestIds.Today.AddDays(-daysAgo),
            [PromiseToPay.Fields.PromiseStatus] = new OptionSetValue((int)status),
            [PromiseToPay.Fields.ResolvedOn] = CreditTestIds.Today.AddDays(-daysAgo + 1),
        });

    private static (int Kept, int Broken) Counts(CreditWorld world)
    {
        var account = world.Account(CreditTestIds.Customer);
        return (account.GetAttributeValue<int?>(Account.Fields.PromisesKeptFiscalYear) ?? 0, account.GetAttributeValue<int?>(Account.Fields.PromisesBrokenFiscalYear) ?? 0);
    }

    /// <summary>The administrator sets the environment variable's value (one value row, updated when it exists).</summary>
    private static void SetFiscalYearStart(CreditWorld world, string month)
    {
        var byName = new QueryByAttribute("environmentvariabledefinition") { ColumnSet = new ColumnSet("schemaname") };
        byName.AddAttributeValue("schemaname", Settings.FiscalYearVariable);
        var definition = world.Service.RetrieveMultiple(byName).Entities.Single();
        var values = new QueryByAttribute("environmentvariablevalue") { ColumnSet = new ColumnSet("value") };
        values.AddAttributeValue("environmentvariabledefinitionid", definition.Id);
        if (world.Service.RetrieveMultiple(values).Entities.SingleOrDefault() is { } existing)
        {
            world.Service.Update(new Entity("environmentvariablevalue", existing.Id) { ["value"] = month });
            return;
        }

        world.Service.Create(new Entity("environmentvariablevalue")
        {
            ["schemaname"] = Settings.FiscalYearVariable,
            ["value"] = month,
            ["environmentvariabledefinitionid"] = definition.ToEntityReference(),
        });
    }
}
