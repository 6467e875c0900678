using CreditOS.CreditEngine.Calibration;
using CreditOS.CreditEngine.Samples;

namespace CreditOS.CreditEngine.Tests.Calibration;

public class NonNegativeLogisticRegressionTests
{
    [Fact]
    public void Fit_RecoversTheCoefficientsThatGeneratedTheData()
    {
        // y ~ Bernoulli(sigmoid(-2 + 3 x1 + 0 x2 + 1.5 x3)), x uniform in [0, 1].
        var random = new SeededRandom(7);
        var rows = new List<double[]>();
        var outcomes = new List<bool>();
        for (var i = 0; i < 20_000; i++)
        {
            var x = new[] { random.NextDouble(), random.NextDouble(), random.NextDouble() };
            var z = -2 + (3 * x[0]) + (1.5 * x[2]);
            rows.Add(x);
            outcomes.Add(random.NextDouble() < 1 / (1 + Math.Exp(-z)));
        }

        var fit = NonNegativeLogisticRegression.Fit(rows, outcomes, l2Penalty: 0);

        Assert.InRange(fit.Intercept, -2.3, -1.7);
        Assert.InRange(fit.Coefficients[0], 2.7, 3.3);
        Assert.InRange(fit.Coefficients[1], 0, 0.25);
        Assert.InRange(fit.Coefficients[2], 1.2, 1.8);
    }

    /// <summary>
    /// Session 29: the penalty may pull toward a centre (the starting weights) instead of toward zero. A strong pull holds
    /// the coefficients at the centre whatever the data say; a weak one lets the data speak; a feature the data give
    /// nothing keeps part of its centre instead of falling to zero.
    /// </summary>
    [Fact]
    public void Fit_CentredPenalty_PullsTowardItsCentre_AsStronglyAsItIsSet()
    {
        var random = new SeededRandom(7);
        var rows = new List<double[]>();
        var outcomes = new List<bool>();
        for (var i = 0; i < 5_000; i++)
        {
            var x = new[] { random.NextDouble(), random.NextDouble() };
            rows.Add(x);
            outcomes.Add(random.NextDouble() < 1 / (1 + Math.Exp(-(-2 + (3 * x[0])))));
        }

        double[] centre = [1, 2];
        var strong = NonNegativeLogisticRegression.Fit(rows, outcomes, 1_000, centre);
        var weak = NonNegativeLogisticRegression.Fit(rows, outcomes, 1e-4, centre);
        var towardZero = NonNegativeLogisticRegression.Fit(rows, outcomes, 0.05);
        var towardCentre = NonNegativeLogisticRegression.Fit(rows, outcomes, 0.05, centre);

        Assert.Equal(1, strong.Coefficients[0], 2);
        Assert.Equal(2, strong.Coefficients[1], 2);
        Assert.InRange(weak.Coefficients[0], 2.6, 3.4);
        Assert.InRange(weak.Coefficients[1], 0, 0.3);
        Assert.True(towardCentre.Coefficients[1] > towardZero.Coefficients[1] + 0.1, "centred " + towardCentre.Coefficients[1] + " vs toward zero " + towardZero.Coefficients[1]);
        Assert.Throws<CreditInputException>(() => NonNegativeLogisticRegression.Fit(rows, outcomes, 0.05, [1]));
        Assert.Throws<CreditInputException>(() => NonNegativeLogisticRegression.Fit(rows, outcomes, 0.05, [1, -1]));
    }

    [Fact]
    public void Fit_HoldsAFeatureThatLowersRiskAtZero()
    {
        // x2 really has a negative effect; the fit may not use it (a factor's risk points may never lower the score).
        var random = new SeededRandom(11);
        var rows = new List<double[]>();
        var outcomes = new List<bool>();
        for (var i = 0; i < 5_000; i++)
        {
            var x = new[] { random.NextDouble(), random.NextDouble() };
            rows.Add(x);
            outcomes.Add(random.NextDouble() < 1 / (1 + Math.Exp(-(2 * x[0]) + (2 * x[1]))));
        }

        var fit = NonNegativeLogisticRegression.Fit(rows, outcomes, l2Penalty: 0.001);

        Assert.Equal(0, fit.Coefficients[1]);
        Assert.True(fit.Coefficients[0] > 1);
    }

    [Fact]
    public void Fit_ReachesALowerLossThanAnyNearbyFeasiblePoint()
    {
        var random = new SeededRandom(3);
        var rows = Enumerable.Range(0, 500).Select(_ => new[] { random.NextDouble(), random.NextDouble() }).ToList();
        var outcomes = rows.Select(r => random.NextDouble() < 0.2 + (0.6 * r[0])).ToList();
        var fit = NonNegativeLogisticRegression.Fit(rows, outcomes, l2Penalty: 0.01);
        var best = new[] { fit.Intercept, fit.Coefficients[0], fit.Coefficients[1] };

        foreach (var (j, delta) in new[] { (0, 0.05), (0, -0.05), (1, 0.05), (1, -0.05), (2, 0.05) })
        {
            var moved = (double[])best.Clone();
            moved[j] = j == 0 ? moved[j] + delta : Math.Max(0, moved[j] + delta);
            Assert.True(NonNegativeLogisticRegression.Loss(rows, outcomes, moved, 0.01) >= fit.Loss - 1e-9);
        }
    }

    [Fact]
    public void Fit_WithMismatchedRows_IsRefused()
    {
        Assert.Throws<CreditInputException>(() => NonNegativeLogisticRegression.Fit([[1.0]], [true, false], 0));
    }
}
