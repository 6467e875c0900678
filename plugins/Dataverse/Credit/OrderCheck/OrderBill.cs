using CreditOS.Dataverse.Approvals;

namespace CreditOS.Dataverse.Credit.OrderCheck;

/// <summary>
/// What an order bills, as Dataverse's order pricing puts it together: its lines, less the order discount (percentage of
/// the lines, then the amount), plus freight and tax. The credit check decides the order's amount (<c>totalamount</c>); the
/// order guards keep what the order bills within it (<see cref="OrderLineGuard"/>, <see cref="OrderHeaderGuard"/>), since
/// the local Dataverse calculates no pricing and a person writes the amount and these figures separately (controls round 28).
/// </summary>
/// <param name="Lines">What the order's lines order together (<see cref="OrderLineGuard.AmountOf(Microsoft.Xrm.Sdk.Entity)"/> summed).</param>
/// <param name="DiscountPercentage">The order discount in percent of the lines.</param>
/// <param name="DiscountAmount">The order discount as an amount.</param>
/// <param name="Freight">The order's freight.</param>
/// <param name="Tax">The order's tax.</param>
public sealed record OrderBill(decimal Lines, decimal DiscountPercentage, decimal DiscountAmount, decimal Freight, decimal Tax)
{
    /// <summary>The amount billed, rounded to the cent as the figures are.</summary>
    public decimal Total => Math.Round(Lines * (1m - (DiscountPercentage / 100m)), 2, MidpointRounding.AwayFromZero) - DiscountAmount + Freight + Tax;

    /// <summary>Whether anything but the lines is billed (the message then names the parts).</summary>
    public bool HasHeaderFigures => DiscountPercentage != 0m || DiscountAmount != 0m || Freight != 0m || Tax != 0m;

    /// <summary>The parts of the bill beside its lines, for a message: "freight 4,000.00", "discount 50%" …</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (DiscountPercentage != 0m)
        {
            parts.Add($"discount {ApprovalText.Percent(DiscountPercentage)}");
        }

        if (DiscountAmount != 0m)
        {
            parts.Add($"discount {ApprovalText.Amount(DiscountAmount)}");
        }

        if (Freight != 0m)
        {
            parts.Add($"freight {ApprovalText.Amount(Freight)}");
        }

        if (Tax != 0m)
        {
            parts.Add($"tax {ApprovalText.Amount(Tax)}");
        }

        return string.Join(", ", parts);
    }
}
