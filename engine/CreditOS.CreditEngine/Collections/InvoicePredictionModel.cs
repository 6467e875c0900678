using System.Globalization;

namespace CreditOS.CreditEngine.Collections;

/// <summary>
/// The invoice-level late-payment model: a logistic regression over <see cref="InvoicePredictionFeatures"/> whose
/// coefficients are configuration (<see cref="Default"/> ships; <see cref="InvoicePredictionFitter"/> fits a set on a
/// ledger), plus the evidence settings that shrink a customer's few outcomes toward neutral figures. Every coefficient
/// on a lateness feature and on the disputed flag is held at zero or above, so more past lateness or a dispute can
/// never lower the probability; amount and terms enter as two one-sided features each (above / below the customer's
/// usual amount, longer / shorter than a month), so their effect may go either way without breaking a law.
/// </summary>
public sealed record InvoicePredictionModel
{
    /// <summary>Coefficient count: one per <see cref="InvoicePredictionFeatures.Names"/> entry.</summary>
    public const int FeatureCount = 8;

    /// <summary>
    /// The shipped set: round figures close to a fit on the repository's generated portfolio (not on any real ledger),
    /// reasoned as: the customer's expected days relative to due for an invoice like this one carries most of the
    /// signal, the late share and items already overdue add to it, a dispute delays payment; amount and terms are
    /// left neutral (they did not separate late from on-time payers in the generated books) until a ledger's own fit
    /// says otherwise.
    /// </summary>
    public static InvoicePredictionModel Default { get; } = new()
    {
        Intercept = -0.7,
        Coefficients = [0.8, 0.3, 0.5, 0.4, 0.1, 0, 0, 0],
    };

    public double Intercept { get; init; }

    /// <summary>Non-negative coefficients in the order of <see cref="InvoicePredictionFeatures.Names"/>.</summary>
    public IReadOnlyList<double> Coefficients { get; init; } = [];

    /// <summary>Weight (in invoices) of the neutral prior each customer's figures are shrunk toward.</summary>
    public double PriorWeight { get; init; } = 2;

    /// <summary>Share of invoices paid late a customer without history is assumed to have.</summary>
    public double PriorLateShare { get; init; } = 0.3;

    /// <summary>Days a dispute is assumed to add to how a customer pays, until its own disputed invoices say.</summary>
    public double DisputeDelayDays { get; init; } = 10;

    /// <summary>Days late an invoice paid late is assumed to be, until the customer's own late payments say.</summary>
    public double PriorDaysLateWhenLate { get; init; } = 15;

    /// <summary>Every problem with the set, empty when it is usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Coefficients.Count != FeatureCount)
        {
            problems.Add("The invoice prediction model needs " + FeatureCount + " coefficients (" + string.Join(", ", InvoicePredictionFeatures.Names) + "); it has " + Coefficients.Count + ".");
        }

        for (var i = 0; i < Coefficients.Count && i < FeatureCount; i++)
        {
            if (double.IsNaN(Coefficients[i]) || Coefficients[i] < 0)
            {
                problems.Add("Coefficient '" + InvoicePredictionFeatures.Names[i] + "' must be zero or above (got " + Coefficients[i].ToString("0.###", CultureInfo.InvariantCulture) + ").");
            }
        }

        if (double.IsNaN(Intercept) || double.IsInfinity(Intercept))
        {
            problems.Add("The intercept must be a number.");
        }

        if (PriorWeight <= 0 || PriorLateShare <= 0 || PriorLateShare >= 1 || DisputeDelayDays < 0 || PriorDaysLateWhenLate <= 0)
        {
            problems.Add("The evidence settings need a prior weight above 0, a prior late share between 0 and 1, a dispute delay of 0 or more days and prior days late above 0.");
        }

        return problems;
    }

    /// <summary>The set, or <see cref="CreditInputException"/> naming every problem.</summary>
    public InvoicePredictionModel Validated()
    {
        var problems = Problems();
        return problems.Count == 0 ? this : throw new CreditInputException(string.Join(" ", problems));
    }

    /// <summary>The set as one line of text (what an admin stores and what the fitter prints).</summary>
    public override string ToString() =>
        "intercept=" + Format(Intercept) + ";" + string.Join(";", InvoicePredictionFeatures.Names.Select((n, i) => n + "=" + Format(i < Coefficients.Count ? Coefficients[i] : 0)));

    /// <summary>Reads <see cref="ToString"/>'s form; names not given keep the default's value.</summary>
    public static InvoicePredictionModel Parse(string text)
    {
        Require.NotNull(text, "The model text");
        var coefficients = Default.Coefficients.ToArray();
        var intercept = Default.Intercept;
        foreach (var part in text.Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=');
            if (pair.Length != 2 || !double.TryParse(pair[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new CreditInputException("Model setting '" + part.Trim() + "' is not name=number.");
            }

            var name = pair[0].Trim();
            var index = Array.IndexOf(InvoicePredictionFeatures.Names, name);
            if (name == "intercept")
            {
                intercept = value;
            }
            else if (index >= 0)
            {
                coefficients[index] = value;
            }
            else
            {
                throw new CreditInputException("Unknown model setting '" + name + "'; known: intercept, " + string.Join(", ", InvoicePredictionFeatures.Names) + ".");
            }
        }

        return (Default with { Intercept = intercept, Coefficients = coefficients }).Validated();
    }

    private static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
