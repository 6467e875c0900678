namespace CreditOS.CreditEngine.Calibration;

/// <summary>
/// Logistic regression with an L2 penalty and coefficients held at zero or above (the intercept is free), fitted by
/// accelerated projected gradient descent (FISTA). Non-negative coefficients keep the scoring laws: each feature is a
/// factor's risk points, and a factor whose points rise may never lower the score. Small and deterministic: a dozen
/// features and a few thousand rows fit in milliseconds.
/// </summary>
public static class NonNegativeLogisticRegression
{
    private const int MaxIterations = 5_000;
    private const double Tolerance = 1e-9;

    /// <summary>Fits <c>P(y) = 1 / (1 + e^-(b0 + Σ b_j x_j))</c>; returns the intercept and the coefficients (all ≥ 0).</summary>
    public static LogisticFit Fit(IReadOnlyList<double[]> features, IReadOnlyList<bool> outcomes, double l2Penalty) =>
        Fit(features, outcomes, l2Penalty, null);

    /// <summary>
    /// As <see cref="Fit(IReadOnlyList{double[]}, IReadOnlyList{bool}, double)"/>, the L2 penalty pulling the coefficients
    /// toward <paramref name="centre"/> (one value per feature, each ≥ 0) instead of toward zero: a Gaussian prior
    /// centred on what is already believed (the starting weights), so a short ledger moves them only as far as its
    /// evidence carries. Null: toward zero.
    /// </summary>
    public static LogisticFit Fit(IReadOnlyList<double[]> features, IReadOnlyList<bool> outcomes, double l2Penalty, IReadOnlyList<double>? centre)
    {
        Require.NotNull(features, "The features");
        Require.NotNull(outcomes, "The outcomes");
        if (features.Count != outcomes.Count || features.Count == 0)
        {
            throw new CreditInputException("Logistic regression needs as many outcomes as feature rows, and at least one row (" + features.Count + " rows, " + outcomes.Count + " outcomes).");
        }

        // Arrays, not the interfaces, in the loops run up to 5,000 times over the rows (a calibration refits every
        // month on up to 50,000 outcomes): the same arithmetic in the same order, without an interface call per row.
        var rows = features as double[][] ?? features.ToArray();
        var labels = outcomes as bool[] ?? outcomes.ToArray();
        var p = rows[0].Length;
        if (rows.Any(row => row.Length != p))
        {
            throw new CreditInputException("Every feature row must have " + p + " values.");
        }

        // Index 0 is the intercept, never penalized; the centre of coefficient j sits at index j + 1.
        var centred = new double[p + 1];
        if (centre is not null)
        {
            if (centre.Count != p || centre.Any(c => c < 0 || double.IsNaN(c) || double.IsInfinity(c)))
            {
                throw new CreditInputException("The penalty's centre needs one non-negative value per feature (" + p + "), got " + centre.Count + ".");
            }

            for (var j = 0; j < p; j++)
            {
                centred[j + 1] = centre[j];
            }
        }

        // Step from the gradient's Lipschitz bound: 0.25 × the largest squared row norm (intercept included) + penalty.
        var maxNorm = rows.Max(row => 1 + row.Sum(x => x * x));
        var step = 1 / ((0.25 * maxNorm) + l2Penalty);
        var w = new double[p + 1];
        var y = (double[])w.Clone();
        var t = 1.0;
        var previousLoss = double.MaxValue;
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var gradient = Gradient(rows, labels, y, l2Penalty, centred);
            var next = new double[p + 1];
            for (var j = 0; j <= p; j++)
            {
                var moved = y[j] - (step * gradient[j]);
                next[j] = j == 0 ? moved : Math.Max(0, moved);
            }

            var tNext = (1 + Math.Sqrt(1 + (4 * t * t))) / 2;
            for (var j = 0; j <= p; j++)
            {
                y[j] = next[j] + ((t - 1) / tNext * (next[j] - w[j]));
                y[j] = j == 0 ? y[j] : Math.Max(0, y[j]);
            }

            w = next;
            t = tNext;
            if (iteration % 50 == 49)
            {
                var loss = MeanLoss(rows, labels, w, l2Penalty, centred);
                if (previousLoss - loss < Tolerance * Math.Max(1, Math.Abs(loss)))
                {
                    break;
                }

                previousLoss = loss;
            }
        }

        return new LogisticFit(w[0], w.Skip(1).ToArray(), MeanLoss(rows, labels, w, l2Penalty, centred));
    }

    /// <summary>Mean negative log-likelihood plus half the penalty times the squared coefficients (intercept not penalized).</summary>
    public static double Loss(IReadOnlyList<double[]> features, IReadOnlyList<bool> outcomes, double[] w, double l2Penalty)
    {
        Require.NotNull(features, "The features");
        Require.NotNull(outcomes, "The outcomes");
        Require.NotNull(w, "The coefficients");
        return MeanLoss(features as double[][] ?? features.ToArray(), outcomes as bool[] ?? outcomes.ToArray(), w, l2Penalty, new double[w.Length]);
    }

    private static double MeanLoss(double[][] features, bool[] outcomes, double[] w, double l2Penalty, double[] centre)
    {
        var total = 0.0;
        for (var i = 0; i < features.Length; i++)
        {
            var z = Linear(features[i], w);
            total += outcomes[i] ? Softplus(-z) : Softplus(z);
        }

        var penalty = 0.0;
        for (var j = 1; j < w.Length; j++)
        {
            penalty += (w[j] - centre[j]) * (w[j] - centre[j]);
        }

        return (total / features.Length) + (0.5 * l2Penalty * penalty);
    }

    private static double[] Gradient(double[][] features, bool[] outcomes, double[] w, double l2Penalty, double[] centre)
    {
        var gradient = new double[w.Length];
        for (var i = 0; i < features.Length; i++)
        {
            var row = features[i];
            var error = Sigmoid(Linear(row, w)) - (outcomes[i] ? 1 : 0);
            gradient[0] += error;
            for (var j = 0; j < row.Length; j++)
            {
                gradient[j + 1] += error * row[j];
            }
        }

        for (var j = 0; j < gradient.Length; j++)
        {
            gradient[j] = (gradient[j] / features.Length) + (j == 0 ? 0 : l2Penalty * (w[j] - centre[j]));
        }

        return gradient;
    }

    private static double Linear(double[] row, double[] w)
    {
        var z = w[0];
        for (var j = 0; j < row.Length; j++)
        {
            z += w[j + 1] * row[j];
        }

        return z;
    }

    private static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    private static double Softplus(double z) => z > 30 ? z : Math.Log(1 + Math.Exp(z));
}

/// <summary>A fitted logistic model: intercept, non-negative coefficients and the penalized mean loss at the optimum.</summary>
public sealed record LogisticFit(double Intercept, IReadOnlyList<double> Coefficients, double Loss);
