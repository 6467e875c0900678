using System.Collections.Concurrent;
using CreditOS.LocalDataverse.Users;
using CreditOS.LocalDataverse.Values;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Currency;

/// <summary>
/// The environment's base currency (a <c>transactioncurrency</c> row from the start, as after organization setup) and each
/// user's default currency (the Currency of their personal options, <c>usersettings.transactioncurrencyid</c>: "Individuals
/// can also change their personal options to select a default currency for the rows they create", types-of-fields).
/// </summary>
internal sealed class CurrencyDirectory
{
    private const string NameColumn = "currencyname";
    private const string IsoCodeColumn = "isocurrencycode";
    private const string SymbolColumn = "currencysymbol";
    private const string PrecisionColumn = "currencyprecision";

    private readonly DataverseRuntime _runtime;
    private readonly ConcurrentDictionary<Guid, Guid> _defaultByUser = new();

    public CurrencyDirectory(DataverseRuntime runtime, BaseCurrency baseCurrency)
    {
        _runtime = runtime;
        Base = baseCurrency;
        var table = runtime.Metadata.FindTable(CurrencyMetadata.CurrencyTable);
        if (table is null)
        {
            return;
        }

        var row = new Entity(table.LogicalName, baseCurrency.Id)
        {
            [table.PrimaryIdAttribute] = baseCurrency.Id,
            [NameColumn] = baseCurrency.Name,
            [IsoCodeColumn] = baseCurrency.IsoCode,
            [SymbolColumn] = baseCurrency.Symbol,
            [PrecisionColumn] = baseCurrency.Precision,
            [CurrencyMetadata.ExchangeRateColumn] = 1m,
        };
        SystemColumnStamper.OnCreate(table, row, UserDirectory.SystemUserId, Guid.Empty, runtime.Clock.GetUtcNow().UtcDateTime, runtime.NextVersion());
        var transaction = runtime.BeginTransaction();
        transaction.LockRow(table.LogicalName, baseCurrency.Id);
        transaction.Put(table.LogicalName, row);
        transaction.Commit();
    }

    public BaseCurrency Base { get; }

    /// <summary>Sets the user's default currency (their personal options); null clears it.</summary>
    public void SetUserDefault(Guid userId, Guid? currencyId)
    {
        if (currencyId is { } id)
        {
            _defaultByUser[userId] = id;
        }
        else
        {
            _defaultByUser.TryRemove(userId, out _);
        }
    }

    /// <summary>The user's default currency, or null when their personal options name none.</summary>
    public Guid? UserDefault(Guid userId) => _defaultByUser.TryGetValue(userId, out var id) ? id : null;
}
