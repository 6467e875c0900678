using CreditOS.Testing;

namespace CreditOS.Plugins.Tests.Builders;

/// <summary>The fixed ids of the credit tests, next to the shared <see cref="FixedIds"/> they extend.</summary>
internal static class CreditTestIds
{
    public static readonly Guid Customer = FixedIds.CustomerAccount;
    public static readonly Guid SecondCustomer = FixedIds.SecondCustomerAccount;
    public static readonly Guid GroupParent = new("c0000000-0000-4000-8000-0000000000a0");
    public static readonly Guid MissingAccount = new("c0000000-0000-4000-8000-0000000000ff");
    public static readonly Guid Contact = FixedIds.PrimaryContact;

    public static readonly Guid Usd = new("e0000000-0000-4000-8000-000000000001");
    public static readonly Guid Eur = new("e0000000-0000-4000-8000-000000000002");

    /// <summary>The Swiss franc and the pound of the several-currency tests (<see cref="CurrencyBuilder.CreateFrancAndPound"/>).</summary>
    public static readonly Guid Chf = new("e0000000-0000-4000-8000-0000000000cf");
    public static readonly Guid Gbp = new("e0000000-0000-4000-8000-0000000000b0");

    public static readonly Guid StandardPolicy = PolicyId("STANDARD");
    public static readonly Guid FirstOrder = new("e2000000-0000-4000-8000-000000000001");
    public static readonly Guid SecondOrder = new("e2000000-0000-4000-8000-000000000002");

    public static DateTime Today => FixedIds.Now.UtcDateTime.Date;

    /// <summary>The id of the seeded policy with the code (stable: derived from the code).</summary>
    public static Guid PolicyId(string code) => Derived("policy:" + code);

    /// <summary>The id of the seeded tier with the code.</summary>
    public static Guid TierId(string code) => Derived("tier:" + code);

    private static Guid Derived(string key)
    {
        var bytes = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key));
        return new Guid(bytes.AsSpan(0, 16));
    }
}
