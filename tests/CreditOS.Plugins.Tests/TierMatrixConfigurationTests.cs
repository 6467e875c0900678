extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Api = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;
using Cell = plugins::CreditOS.Dataverse.Model.TierMatrixCell;
using Defaults = plugins::CreditOS.CreditEngine.Configuration.DefaultCreditConfiguration;
using EngineCell = plugins::CreditOS.CreditEngine.Tiers.TierMatrixCell;
using RiskLevel = plugins::CreditOS.CreditEngine.Tiers.RiskLevel;
using Tier = plugins::CreditOS.Dataverse.Model.CreditTier;
using ValueBand = plugins::CreditOS.CreditEngine.Tiers.ValueBand;

namespace CreditOS.Plugins.Tests;

/// <summary>Rescoring places accounts with the tier matrix kept as cos_tiermatrixcell rows, not the shipped one.</summary>
public sealed class TierMatrixConfigurationTests : IDisposable
{
    private const decimal LowestScore = 0m;
    private const decimal HighestScore = 100m;

    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public void Dispose() => world.Dispose();

    [Fact]
    public void AdminChangesAMatrixCell_NextRescorePlacesTheAccountInTheNewTier()
    {
        AScoredCustomer();
        var cells = Defaults.Create().TierMatrix.ToDictionary(c => c, CreateCell);
        Rescore();
        var accountCell = cells.Keys.Single(c => (c.ValueBand, c.RiskLevel) == CellOf(world.Account(CreditTestIds.Customer)));
        Assert.Equal(CreditTestIds.TierId(accountCell.TierCode), TierOf(world.Account(CreditTestIds.Customer)));
        var otherTier = Defaults.Create().Tiers.First(t => t.Code != accountCell.TierCode && !t.Code.Contains("PREPAY", StringComparison.OrdinalIgnoreCase)).Code;

        world.Service.Update(new Entity(Cell.EntityLogicalName, cells[accountCell])
        {
            [Cell.Fields.CreditTierId] = new EntityReference(Tier.EntityLogicalName, CreditTestIds.TierId(otherTier)),
        });
        Rescore();

        Assert.Equal(CreditTestIds.TierId(otherTier), TierOf(world.Account(CreditTestIds.Customer)));
    }

    [Fact]
    public void WithoutMatrixCells_TheShippedMatrixPlacesTheAccount()
    {
        AScoredCustomer();

        Rescore();

        var account = world.Account(CreditTestIds.Customer);
        var (band, level) = CellOf(account);
        var shipped = Defaults.Create().TierMatrix.Single(c => c.ValueBand == band && c.RiskLevel == level);
        Assert.Equal(CreditTestIds.TierId(shipped.TierCode), TierOf(account));
    }

    private static Guid? TierOf(Entity account) => account.GetAttributeValue<EntityReference>(Account.Fields.CreditTierId)?.Id;

    private static (ValueBand Band, RiskLevel Level) CellOf(Entity account)
    {
        var configuration = Defaults.Create();
        return (
            configuration.ValueBands.BandOf((double)account.GetAttributeValue<decimal>(Account.Fields.ValueScore)),
            configuration.RiskLevels.LevelOf((double)account.GetAttributeValue<decimal>(Account.Fields.RiskScore)));
    }

    private void AScoredCustomer()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        foreach (var invoice in AHistoryOf(24, amount: 8_000m, everyDays: 30))
        {
            invoice.Create(world.Service);
        }
    }

    private Guid CreateCell(EngineCell cell)
    {
        var configuration = Defaults.Create();
        var (valueFrom, valueTo) = cell.ValueBand switch
        {
            ValueBand.Low => (LowestScore, (decimal)configuration.ValueBands.MediumFrom),
            ValueBand.Medium => ((decimal)configuration.ValueBands.MediumFrom, (decimal)configuration.ValueBands.HighFrom),
            _ => ((decimal)configuration.ValueBands.HighFrom, HighestScore),
        };
        var (riskFrom, riskTo) = cell.RiskLevel switch
        {
            RiskLevel.Low => (LowestScore, (decimal)configuration.RiskLevels.MediumFrom),
            RiskLevel.Medium => ((decimal)configuration.RiskLevels.MediumFrom, (decimal)configuration.RiskLevels.HighFrom),
            RiskLevel.High => ((decimal)configuration.RiskLevels.HighFrom, (decimal)configuration.RiskLevels.SevereFrom),
            _ => ((decimal)configuration.RiskLevels.SevereFrom, HighestScore),
        };
        return world.Service.Create(new Entity(Cell.EntityLogicalName)
        {
            [Cell.Fields.Name] = cell.ValueBand + " value, " + cell.RiskLevel + " risk",
            [Cell.Fields.ValueFrom] = valueFrom,
            [Cell.Fields.ValueTo] = valueTo,
            [Cell.Fields.RiskFrom] = riskFrom,
            [Cell.Fields.RiskTo] = riskTo,
            [Cell.Fields.CreditTierId] = new EntityReference(Tier.EntityLogicalName, CreditTestIds.TierId(cell.TierCode)),
        });
    }

    private void Rescore() =>
        world.Service.Execute(new OrganizationRequest(Api.UniqueName) { ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer) });
}
