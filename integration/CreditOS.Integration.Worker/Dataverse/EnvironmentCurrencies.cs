using System.Text.Json.Nodes;

namespace CreditOS.Integration.Worker.Dataverse;

/// <summary>
/// A currency of the environment: its ISO code, its exchange rate (what one unit of the organization's base currency
/// is worth in it: <c>base = amount ÷ exchangerate</c>; 0 when not set) and the decimals Dataverse keeps for amounts in
/// it (<c>currencyprecision</c>, 2 unless the currency says).
/// </summary>
public sealed record EnvironmentCurrency(Guid Id, string IsoCode, decimal ExchangeRate, int Precision);

/// <summary>The one read of the environment's currencies (transactioncurrency), for every worker part that needs them.</summary>
public static class EnvironmentCurrencies
{
    public static async Task<IReadOnlyDictionary<Guid, EnvironmentCurrency>> ReadAsync(DataverseWebApiClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var answer = await client.GetAsync(
            $"{DataverseSchema.Currency.EntitySet}?$select={DataverseSchema.Currency.Id},{DataverseSchema.Currency.IsoCode},{DataverseSchema.Currency.ExchangeRate},{DataverseSchema.Currency.Precision}",
            cancellationToken).ConfigureAwait(false);
        return (answer["value"]?.AsArray().OfType<JsonObject>() ?? [])
            .Select(row => new EnvironmentCurrency(
                row[DataverseSchema.Currency.Id]!.GetValue<Guid>(),
                row[DataverseSchema.Currency.IsoCode]!.GetValue<string>(),
                row[DataverseSchema.Currency.ExchangeRate] is JsonValue rate ? rate.GetValue<decimal>() : 0m,
                row[DataverseSchema.Currency.Precision] is JsonValue precision ? precision.GetValue<int>() : AccountReference.DefaultPrecision))
            .ToDictionary(currency => currency.Id);
    }
}
