using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CreditOS.Integration.Worker.Configuration;
using Microsoft.Extensions.Options;

namespace CreditOS.Integration.Worker.Dataverse;

/// <summary>
/// An account found by its ERP customer number, with the currency it trades in and that currency's precision (the
/// decimals Dataverse keeps for its money columns: transactioncurrency.currencyprecision, 2 unless the currency says).
/// </summary>
public sealed record AccountReference(Guid AccountId, string AccountNumber, Guid? CurrencyId, string? CurrencyCode, int CurrencyPrecision = 2)
{
    /// <summary>Dataverse's default currency precision.</summary>
    public const int DefaultPrecision = 2;
}

public interface IAccountDirectory
{
    /// <summary>Finds the accounts with these numbers; numbers with no account are absent from the answer.</summary>
    Task<IReadOnlyDictionary<string, AccountReference>> FindAsync(IReadOnlyCollection<string> accountNumbers, CancellationToken cancellationToken);
}

/// <summary>
/// Resolves ERP customer numbers through the Web API, many per request, and keeps found accounts for a short
/// while (reference data, not message state: idempotency rests on alternate keys).
/// </summary>
public sealed class AccountDirectory(DataverseWebApiClient client, AccountCache cache, IOptions<DataverseOptions> options, TimeProvider clock) : IAccountDirectory
{
    private const int NumbersPerQuery = 40;
    private readonly TimeSpan _cacheDuration = options.Value.AccountCacheDuration;

    public async Task<IReadOnlyDictionary<string, AccountReference>> FindAsync(IReadOnlyCollection<string> accountNumbers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountNumbers);
        var now = clock.GetUtcNow();
        var found = new Dictionary<string, AccountReference>(StringComparer.OrdinalIgnoreCase);
        var missing = new List<string>();
        foreach (var number in accountNumbers.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (cache.Accounts.TryGetValue(number, out var cached) && cached.ExpiresAt > now)
            {
                found[number] = cached.Account;
            }
            else
            {
                missing.Add(number);
            }
        }

        if (missing.Count == 0)
        {
            return found;
        }

        var currencies = await CurrenciesAsync(cache, now, cancellationToken).ConfigureAwait(false);
        foreach (var chunk in missing.Chunk(NumbersPerQuery))
        {
            var filter = string.Join(" or ", chunk.Select(number => $"{DataverseSchema.Account.AccountNumber} eq {ODataKey.StringLiteral(number)}"));
            var url = $"{DataverseSchema.Account.EntitySet}?$select={DataverseSchema.Account.Id},{DataverseSchema.Account.AccountNumber},{DataverseSchema.Account.CurrencyValue}&$filter={filter}";
            var answer = await client.GetAsync(url, cancellationToken).ConfigureAwait(false);
            foreach (var row in answer["value"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                var account = ToAccount(row, currencies);
                found[account.AccountNumber] = account;
                cache.Accounts[account.AccountNumber] = new CachedAccount(account, now + _cacheDuration);
            }
        }

        return found;
    }

    private async Task<IReadOnlyDictionary<Guid, EnvironmentCurrency>> CurrenciesAsync(AccountCache cache, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (cache.Currencies is { } known && cache.CurrenciesExpireAt > now)
        {
            return known;
        }

        var currencies = await EnvironmentCurrencies.ReadAsync(client, cancellationToken).ConfigureAwait(false);
        cache.Currencies = currencies;
        cache.CurrenciesExpireAt = now + _cacheDuration;
        return currencies;
    }

    private static AccountReference ToAccount(JsonObject row, IReadOnlyDictionary<Guid, EnvironmentCurrency> currencies)
    {
        var currencyId = row[DataverseSchema.Account.CurrencyValue] is JsonValue currency ? currency.GetValue<Guid>() : (Guid?)null;
        var entry = currencyId is { } id && currencies.TryGetValue(id, out var found) ? found : null;
        return new AccountReference(
            row[DataverseSchema.Account.Id]!.GetValue<Guid>(),
            row[DataverseSchema.Account.AccountNumber]!.GetValue<string>(),
            currencyId,
            entry?.IsoCode,
            entry?.Precision ?? AccountReference.DefaultPrecision);
    }
}

internal sealed record CachedAccount(AccountReference Account, DateTimeOffset ExpiresAt);

/// <summary>Accounts and currencies resolved recently; one per worker, shared by the scoped directories.</summary>
public sealed class AccountCache
{
    internal ConcurrentDictionary<string, CachedAccount> Accounts { get; } = new(StringComparer.OrdinalIgnoreCase);

    internal IReadOnlyDictionary<Guid, EnvironmentCurrency>? Currencies { get; set; }

    internal DateTimeOffset CurrenciesExpireAt { get; set; }
}
