namespace CreditOS.Dataverse.Credit.Resync;

/// <summary>The bound Custom API through which Finance clears an invoice's ERP re-sync flag; see <see cref="ErpResyncClearance"/>.</summary>
public static class ClearErpResyncApi
{
    public const string UniqueName = "cos_ClearErpResync";
}
