using CreditOS.CreditEngine.Ledger;

namespace CreditOS.CreditEngine.Tests.Ledger;

/// <summary>
/// paid = max(what the ERP says is paid, what creditOS applied); open = amount − paid. The ERP's open figure on an
/// invoice's first message and creditOS's own applications observe the same payments, so they are never added.
/// </summary>
public class PaidInTheErpTests
{
    [Theory]
    [InlineData(1000, 700, 300)]
    [InlineData(1000, 1000, 0)]
    [InlineData(1000, 0, 1000)]
    [InlineData(1000, -5, 1000)]
    public void ANewInvoice_CarriesWhatItsFirstMessageSaysIsPaid(decimal amount, decimal erpOpen, decimal expected) =>
        Assert.Equal(expected, PaidInTheErp.OnCreate(amount, erpOpen));

    [Fact]
    public void ThePaymentTheErpCounted_IsMatched_AndChangesNothingOpen()
    {
        var applied = PaidInTheErp.Apply(open: 700m, paidAhead: 300m, offered: 300m);

        Assert.Equal(300m, applied.Taken);
        Assert.Equal(300m, applied.Matched);
        Assert.Equal(700m, applied.OpenAfter);
        Assert.Equal(0m, applied.PaidAheadAfter);
    }

    [Fact]
    public void ASettledInvoiceTheErpCountedAsPaid_TakesItsPayment_InsteadOfLeavingItAsFreeCash()
    {
        var applied = PaidInTheErp.Apply(open: 0m, paidAhead: 1000m, offered: 1200m);

        Assert.Equal(1000m, applied.Taken); // the 200 beyond it stays the payment's, unapplied
        Assert.Equal(0m, applied.OpenAfter);
        Assert.Equal(0m, applied.PaidAheadAfter);
    }

    [Theory]
    [InlineData(300, 200)] // the payment the ERP knew of first, then one it did not
    [InlineData(200, 300)] // the other way round: the second payment is matched first, the known one then reduces the open amount
    public void TwoPayments_OneTheErpDidNotKnowOf_EndAtAmountLessBoth_InEitherOrder(decimal first, decimal second)
    {
        var erpPaid = PaidInTheErp.OnCreate(1000m, 700m); // the ERP applied 300 before it exported the invoice
        var one = PaidInTheErp.Apply(700m, erpPaid, first);
        var two = PaidInTheErp.Apply(one.OpenAfter, one.PaidAheadAfter, second);

        Assert.Equal(500m, two.OpenAfter);
        Assert.Equal(0m, two.PaidAheadAfter);
        Assert.Equal(first + second, one.Taken + two.Taken);
        Assert.Equal(System.Math.Max(300m, first), 1000m - one.OpenAfter); // paid = max(ERP paid, applied) after the first
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(300, 0)]
    [InlineData(300, 300)]
    [InlineData(300, 450)]
    [InlineData(1000, 250)]
    [InlineData(0, 1000)]
    public void AtEveryStep_PaidIsTheLargerOfTheErpsFigureAndWhatWasApplied(decimal erpPaid, decimal applied)
    {
        const decimal amount = 1000m;
        var invoice = PaidInTheErp.Apply(amount - erpPaid, PaidInTheErp.OnCreate(amount, amount - erpPaid), applied);

        Assert.Equal(System.Math.Max(erpPaid, applied), amount - invoice.OpenAfter);
        Assert.Equal(System.Math.Max(0m, erpPaid - applied), invoice.PaidAheadAfter);
        Assert.Equal(applied, invoice.Taken);
    }

    [Fact]
    public void AnInvoiceWithoutAnErpFigure_IsPaidDownAsBefore_AndNeverBelowZero()
    {
        var applied = PaidInTheErp.Apply(open: 400m, paidAhead: 0m, offered: 500m);

        Assert.Equal(400m, applied.Taken);
        Assert.Equal(0m, applied.Matched);
        Assert.Equal(0m, applied.OpenAfter);
    }
}
