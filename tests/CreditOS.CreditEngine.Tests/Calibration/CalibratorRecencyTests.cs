using CreditOS.CreditEngine.Backtesting;
using CreditOS.CreditEngine.Calibration;
using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.Scoring;
using CsCheck;

namespace CreditOS.CreditEngine.Tests.Calibration;

/// <summary>
/// The calibration chooses how much recent behaviour counts against old (the recency weights) by the same likelihood
/// as the weights and the prior: steeper on a ledger whose customers' habits switch, flatter on one whose habits last.
/// </summary>
public class CalibratorRecencyTests
{
    private static readonly DateTime LedgerStart = new(2023, 1, 1);

    [Fact]
    public void RecencyRaised_KeepsTheNewestBandAndTheOrder_AndMovesOlderBandsTheWayThePowerSays()
    {
        Gen.Select(Gen.Double[0.01, 1].Array[4], Gen.Double[0.2, 3]).Sample((older, exponent) =>
        {
            var sorted = older.OrderByDescending(w => w).ToArray();
            var evidence = EvidenceSettings.Default with
            {
                WeightLast3Months = 1,
                WeightMonths4To6 = sorted[0],
                WeightMonths7To12 = sorted[1],
                WeightMonths13To24 = sorted[2],
                WeightOlder = sorted[3],
            };

            var raised = Calibrator.RecencyRaised(evidence, exponent).BandWeights;

            Assert.Equal(1, raised[0]);
            for (var i = 1; i < raised.Count; i++)
            {
                Assert.True(raised[i] <= raised[i - 1], "band " + i + " rose above the newer one");
                // Raised to the power, to the three decimals the cos_weight… columns keep (the power 1 leaves them as they are).
                var expected = exponent == 1 ? evidence.BandWeights[i] : Math.Round(Math.Pow(evidence.BandWeights[i], exponent), 3);
                Assert.Equal(expected, raised[i], 9);
                Assert.True(exponent >= 1 ? raised[i] <= evidence.BandWeights[i] + 0.0005 : raised[i] >= evidence.BandWeights[i] - 0.0005);
            }
        });
    }

    [Fact]
    public void RecencyRaised_ToThePowerOne_ChangesNothing()
    {
        var shipped = DefaultScoringRules.Create().Evidence;

        Assert.Equal(shipped, Calibrator.RecencyRaised(shipped, 1));
    }

    [Fact]
    public void Calibrate_OnALedgerWhoseHabitsSwitch_CountsRecentBehaviourMore()
    {
        // Each customer switches between paying two weeks late and paying early about once every eight months: what it
        // did a year ago says little about what it does now.
        var result = Calibrator.Run(Ledger(seed: 11, switchesPerMonth: 1.0 / 8), DefaultCreditConfiguration.Create());

        Assert.True(result.RecencyExponent > 1, "recency exponent " + result.RecencyExponent);
        Assert.Equal(Calibrator.RecencyRaised(DefaultScoringRules.Create().Evidence, result.RecencyExponent).BandWeights, result.RuleSet.Evidence.BandWeights);
        Assert.True(result.RuleSet.Evidence.WeightMonths13To24 < DefaultScoringRules.Create().Evidence.WeightMonths13To24);
    }

    [Fact]
    public void Calibrate_OnALedgerWhoseHabitsLast_KeepsOldBehaviourCounting()
    {
        // Each customer keeps one propensity to pay late for all three years: old invoices are as telling as new ones,
        // and the more of them count, the less noise.
        var result = Calibrator.Run(Ledger(seed: 12, switchesPerMonth: 0), DefaultCreditConfiguration.Create());

        Assert.True(result.RecencyExponent < 1, "recency exponent " + result.RecencyExponent);
        Assert.True(result.RuleSet.Evidence.WeightMonths13To24 > DefaultScoringRules.Create().Evidence.WeightMonths13To24);
    }

    [Fact]
    public void Calibrate_WithNoOtherRecency_KeepsTheStartingWeights()
    {
        var ledger = Ledger(seed: 11, switchesPerMonth: 1.0 / 8);

        var result = Calibrator.Run(ledger, DefaultCreditConfiguration.Create(), new CalibrationOptions { RecencyExponents = [] });

        Assert.Equal(1, result.RecencyExponent);
        Assert.Equal(DefaultScoringRules.Create().Evidence.BandWeights, result.RuleSet.Evidence.BandWeights);
    }

    /// <summary>
    /// 70 customers, two invoices a month for three years on 30-day terms. Each customer pays late (5–24 days) with its
    /// current propensity, else 0–9 days early; with <paramref name="switchesPerMonth"/> above 0 its propensity flips
    /// between 85% and 10% at random months, else it keeps one drawn between 5% and 70%.
    /// </summary>
    internal static List<BacktestInvoice> Ledger(int seed, double switchesPerMonth)
    {
        var random = new Random(seed);
        var invoices = new List<BacktestInvoice>();
        for (var c = 0; c < 70; c++)
        {
            var customer = "C" + c.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
            var lateProne = random.NextDouble() < 0.5;
            var steady = 0.05 + (0.65 * random.NextDouble());
            for (var month = 0; month < 36; month++)
            {
                if (switchesPerMonth > 0 && random.NextDouble() < switchesPerMonth)
                {
                    lateProne = !lateProne;
                }

                var propensity = switchesPerMonth > 0 ? (lateProne ? 0.85 : 0.10) : steady;
                for (var k = 0; k < 2; k++)
                {
                    var issued = LedgerStart.AddMonths(month).AddDays(3 + (14 * k) + random.Next(0, 5));
                    var due = issued.AddDays(30);
                    var settled = random.NextDouble() < propensity ? due.AddDays(random.Next(5, 25)) : due.AddDays(-random.Next(0, 10));
                    invoices.Add(new BacktestInvoice(customer, customer + "-" + month + "-" + k, issued, due, 100 + random.Next(0, 900), settled, false));
                }
            }
        }

        return invoices.OrderBy(i => i.InvoiceDate).ThenBy(i => i.InvoiceId, StringComparer.Ordinal).ToList();
    }
}
