using CreditOS.CreditEngine;
using CreditOS.CreditEngine.Collections;
using CreditOS.Dataverse.Credit.Configuration;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Collections;

/// <summary>
/// The collections settings admins tune, read in one query of environment variables: the invoice model's
/// coefficients (<c>cos_InvoicePredictionModel</c>, name=value pairs; empty keeps the shipped set) and the fiscal year's
/// first month (<c>cos_FiscalYearStartMonth</c>, default 1) and how far ahead a promise to pay may be dated
/// (<c>cos_PromiseMaxDays</c>, default <see cref="PromiseHorizon.DefaultMaximumDays"/>). A malformed value is refused with
/// the reason, never replaced by a guess.
/// </summary>
public sealed record CollectionsSettings(InvoicePredictionModel Model, int FiscalYearStartMonth)
{
    public const string ModelVariable = "cos_InvoicePredictionModel";
    public const string FiscalYearVariable = "cos_FiscalYearStartMonth";
    public const string PromiseMaxDaysVariable = "cos_PromiseMaxDays";

    /// <summary>Calls <see cref="Read"/> makes.</summary>
    public const int Calls = 1;

    public static CollectionsSettings Default { get; } = new(InvoicePredictionModel.Default, 1);

    /// <summary>How many days ahead a promise to pay may be dated (<see cref="PromiseHorizon"/>).</summary>
    public int PromiseMaxDays { get; init; } = PromiseHorizon.DefaultMaximumDays;

    public static CollectionsSettings Read(IOrganizationService service) => Read(service, out _);

    /// <summary>
    /// The settings, and the configuration's version stamp read in the same query (session 29: the nightly page keeps its
    /// collections configuration under it, <see cref="CollectionsConfigurationCache"/>); null when the configuration was never stamped.
    /// </summary>
    public static CollectionsSettings Read(IOrganizationService service, out string? configurationStamp)
    {
        var values = EnvironmentVariableReader.Read(service, ModelVariable, FiscalYearVariable, PromiseMaxDaysVariable, ConfigurationVersion.Variable);
        configurationStamp = ConfigurationVersion.StampOf(values);
        var model = InvoicePredictionModel.Default;
        if (values.TryGetValue(ModelVariable, out var text) && !string.IsNullOrWhiteSpace(text))
        {
            try
            {
                model = InvoicePredictionModel.Parse(text!);
            }
            catch (CreditInputException invalid)
            {
                throw new InvalidPluginExecutionException("The environment variable " + ModelVariable + " is not a valid invoice model: " + invalid.Message, invalid);
            }
        }

        var month = 1;
        if (values.TryGetValue(FiscalYearVariable, out var monthText) && !string.IsNullOrWhiteSpace(monthText)
            && (!int.TryParse(monthText, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out month) || month is < 1 or > 12))
        {
            throw new InvalidPluginExecutionException("The environment variable " + FiscalYearVariable + " must be a month from 1 to 12 (got '" + monthText + "').");
        }

        var promiseDays = PromiseHorizon.DefaultMaximumDays;
        if (values.TryGetValue(PromiseMaxDaysVariable, out var daysText) && !string.IsNullOrWhiteSpace(daysText))
        {
            promiseDays = PromiseHorizon.ParseMaximumDays(daysText)
                ?? throw new InvalidPluginExecutionException("The environment variable " + PromiseMaxDaysVariable + " must be a number of days from 1 to 366 (got '" + daysText + "').");
        }

        return new CollectionsSettings(model, month) { PromiseMaxDays = promiseDays };
    }
}
