namespace CreditOS.Testing;

/// <summary>Ids tests share, in one place, so a failing assertion names a recognisable row.</summary>
public static class FixedIds
{
    public static readonly Guid AdminUser = new("a0000000-0000-4000-8000-000000000001");
    public static readonly Guid CreditOfficer = new("a0000000-0000-4000-8000-000000000002");
    public static readonly Guid FinanceApprover = new("a0000000-0000-4000-8000-000000000003");
    public static readonly Guid SalesRep = new("a0000000-0000-4000-8000-000000000004");

    public static readonly Guid CustomerAccount = new("c0000000-0000-4000-8000-000000000001");
    public static readonly Guid SecondCustomerAccount = new("c0000000-0000-4000-8000-000000000002");
    public static readonly Guid ParentAccount = new("c0000000-0000-4000-8000-000000000003");
    public static readonly Guid PrimaryContact = new("c0000000-0000-4000-8000-000000000010");

    public static readonly Guid FinanceQueue = new("d0000000-0000-4000-8000-000000000001");
    public static readonly Guid CreditQueue = new("d0000000-0000-4000-8000-000000000002");

    /// <summary>The instant every test clock starts at: a Thursday morning, UTC.</summary>
    public static readonly DateTimeOffset Now = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);
}
