using CreditOS.CreditEngine.Tiers;
using CreditOS.Dataverse.Framework;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using CellTable = CreditOS.Dataverse.Model.TierMatrixCell;
using EngineCell = CreditOS.CreditEngine.Tiers.TierMatrixCell;
using TierTable = CreditOS.Dataverse.Model.CreditTier;

namespace CreditOS.Dataverse.Credit.Configuration;

/// <summary>
/// The tier matrix administrators keep as <c>cos_tiermatrixcell</c> rows, read in the same query as the tiers (active
/// cells outer-joined to their tier). A cell covers value and risk score ranges, half-open [from, to) as the
/// configuration guard checks them; it places every value band and risk level whose starting score lies in its ranges.
/// </summary>
public static class TierMatrixRecords
{
    private const string CellAlias = "cell";
    private const decimal MinimumScore = 0m;
    private const decimal MaximumScore = 100m;

    private static readonly string[] CellColumns =
    [
        CellTable.Fields.TierMatrixCellId, CellTable.Fields.ValueFrom, CellTable.Fields.ValueTo, CellTable.Fields.RiskFrom, CellTable.Fields.RiskTo,
    ];

    /// <summary>Joins the tier's active matrix cells to a query on <c>cos_credittier</c>.</summary>
    public static void JoinCells(QueryExpression tierQuery)
    {
        var cells = tierQuery.AddLink(CellTable.EntityLogicalName, TierTable.Fields.CreditTierId, CellTable.Fields.CreditTierId, JoinOperator.LeftOuter);
        cells.EntityAlias = CellAlias;
        cells.Columns = new ColumnSet(CellColumns);
        cells.LinkCriteria.AddCondition(CellTable.Fields.StateCode, ConditionOperator.Equal, (int)Model.TierMatrixCellState.Active);
    }

    /// <summary>
    /// The engine's matrix from the joined rows (one row per tier and cell); empty when no cell is configured.
    /// </summary>
    public static IReadOnlyList<EngineCell> ToMatrix(IEnumerable<Entity> tierRowsWithCells, ValueBandThresholds valueBands, RiskLevelThresholds riskLevels)
    {
        var matrix = new List<EngineCell>();
        var seen = new HashSet<Guid>();
        foreach (var row in tierRowsWithCells)
        {
            if (row.Aliased<Guid?>(Column(CellTable.Fields.TierMatrixCellId)) is not { } cellId || !seen.Add(cellId))
            {
                continue;
            }

            var tierCode = row.GetAttributeValue<string>(TierTable.Fields.Code) ?? string.Empty;
            var valueFrom = row.Aliased<decimal?>(Column(CellTable.Fields.ValueFrom)) ?? MinimumScore;
            var valueTo = row.Aliased<decimal?>(Column(CellTable.Fields.ValueTo)) ?? MaximumScore;
            var riskFrom = row.Aliased<decimal?>(Column(CellTable.Fields.RiskFrom)) ?? MinimumScore;
            var riskTo = row.Aliased<decimal?>(Column(CellTable.Fields.RiskTo)) ?? MaximumScore;
            foreach (var band in BandStarts(valueBands).Where(b => Covers(valueFrom, valueTo, b.Value)))
            {
                foreach (var level in LevelStarts(riskLevels).Where(l => Covers(riskFrom, riskTo, l.Value)))
                {
                    matrix.Add(new EngineCell(band.Key, level.Key, tierCode));
                }
            }
        }

        return matrix;
    }

    private static bool Covers(decimal from, decimal to, double start) => from <= (decimal)start && (decimal)start < to;

    private static Dictionary<ValueBand, double> BandStarts(ValueBandThresholds bands) => new()
    {
        [ValueBand.Low] = (double)MinimumScore,
        [ValueBand.Medium] = bands.MediumFrom,
        [ValueBand.High] = bands.HighFrom,
    };

    private static Dictionary<RiskLevel, double> LevelStarts(RiskLevelThresholds levels) => new()
    {
        [RiskLevel.Low] = (double)MinimumScore,
        [RiskLevel.Medium] = levels.MediumFrom,
        [RiskLevel.High] = levels.HighFrom,
        [RiskLevel.Severe] = levels.SevereFrom,
    };

    private static string Column(string column) => CellAlias + "." + column;

    /// <summary>A cell row for an engine cell: the value band's and risk level's score ranges under the given thresholds.</summary>
    public static Entity FromCell(EngineCell cell, Guid ruleSetId, Guid tierId, ValueBandThresholds valueBands, RiskLevelThresholds riskLevels)
    {
        var valueFrom = cell.ValueBand switch { ValueBand.High => (decimal)valueBands.HighFrom, ValueBand.Medium => (decimal)valueBands.MediumFrom, _ => MinimumScore };
        var valueTo = cell.ValueBand switch { ValueBand.High => MaximumScore, ValueBand.Medium => (decimal)valueBands.HighFrom, _ => (decimal)valueBands.MediumFrom };
        var riskFrom = cell.RiskLevel switch
        {
            RiskLevel.Severe => (decimal)riskLevels.SevereFrom,
            RiskLevel.High => (decimal)riskLevels.HighFrom,
            RiskLevel.Medium => (decimal)riskLevels.MediumFrom,
            _ => MinimumScore,
        };
        var riskTo = cell.RiskLevel switch
        {
            RiskLevel.Severe => MaximumScore,
            RiskLevel.High => (decimal)riskLevels.SevereFrom,
            RiskLevel.Medium => (decimal)riskLevels.HighFrom,
            _ => (decimal)riskLevels.MediumFrom,
        };
        return new Entity(CellTable.EntityLogicalName)
        {
            [CellTable.Fields.Name] = cell.ValueBand + " value / " + cell.RiskLevel + " risk",
            [CellTable.Fields.ScoringRuleSetId] = new EntityReference(Model.ScoringRuleSet.EntityLogicalName, ruleSetId),
            [CellTable.Fields.ValueFrom] = valueFrom,
            [CellTable.Fields.ValueTo] = valueTo,
            [CellTable.Fields.RiskFrom] = riskFrom,
            [CellTable.Fields.RiskTo] = riskTo,
            [CellTable.Fields.CreditTierId] = new EntityReference(TierTable.EntityLogicalName, tierId),
        };
    }
}
